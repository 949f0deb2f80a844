using System;
using System.Globalization;
using System.IO;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// Memory of another process as the kernel reports it.
    /// Linux only (/proc); <see cref="Available"/> says whether it can be used here.
    /// </summary>
    internal static class ProcessMemory
    {
        /// <summary>True where /proc/&lt;pid&gt;/status exists (Linux).</summary>
        public static bool Available => File.Exists($"/proc/{Environment.ProcessId}/status");

        /// <summary>Resident set size (VmRSS) of <paramref name="pid"/> in MB (10^6 bytes); null once the process is gone.</summary>
        public static double? Resident_MB(int pid)
        {
            string[] lines;
            try { lines = File.ReadAllLines($"/proc/{pid}/status"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
            foreach (string line in lines)
            {
                // "VmRSS:\t   51234 kB"
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    continue;
                string[] parts = line.Substring(6).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kB))
                    return kB * 1024 / 1e6;
                throw new FormatException($"/proc/{pid}/status: unexpected VmRSS line '{line}'");
            }
            return null;
        }
    }
}
