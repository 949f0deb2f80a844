using System;
using System.IO;

namespace CellVar.Bms.Service
{
    /// <summary>
    /// Reads the service's per-monitor text files (credentials, prior keys): lines of <c>monitor-id value</c>, blank lines
    /// and <c>#</c> comments ignored. Every error names the file and line.
    /// </summary>
    internal static class MonitorTableFile
    {
        /// <summary>
        /// Calls <paramref name="add"/> for each entry; an <see cref="ArgumentException"/> or <see cref="FormatException"/>
        /// it throws becomes a <see cref="FormatException"/> prefixed with <c>path:line:</c>.
        /// </summary>
        /// <param name="path">The file.</param>
        /// <param name="expected">How a line should look, for the message, e.g. <c>monitor-id password</c>.</param>
        /// <param name="add">Takes the monitor id and the value of one line.</param>
        public static void Read(string path, string expected, Action<string, string> add)
        {
            int n = 0;
            foreach (string raw in File.ReadLines(path))
            {
                n++;
                string line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                    continue;
                string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2)
                    throw new FormatException($"{path}:{n}: expected '{expected}', got {parts.Length} fields");
                try
                {
                    add(parts[0], parts[1]);
                }
                catch (Exception e) when (e is ArgumentException or FormatException)
                {
                    throw new FormatException($"{path}:{n}: {e.Message}");
                }
            }
        }
    }
}
