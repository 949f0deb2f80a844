using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CellVar.Bms.Rig.Csv
{
    /// <summary>Writes a <see cref="RigLog"/> as CSV in the column order time_s,current_A,cell1_V..,temp1_C..; missing samples as blank fields.</summary>
    public static class RigLogWriter
    {
        /// <summary>
        /// Writes <paramref name="log"/>; each line of <paramref name="comments"/> is written first as a <c># </c> line
        /// (e.g. the command that generated the file). Resolution: 0.1 ms time, 1 mA, 0.1 mV, 0.01 °C.
        /// </summary>
        public static void Write(TextWriter writer, RigLog log, IEnumerable<string>? comments = null)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(log);
            if (comments != null)
                foreach (string c in comments) writer.Write("# " + c.Replace('\n', ' ') + "\n");

            writer.Write("time_s,current_A");
            for (int c = 1; c <= log.CellCount; c++) writer.Write($",cell{c}_V");
            for (int s = 1; s <= log.TemperatureSensorCount; s++) writer.Write($",temp{s}_C");
            writer.Write('\n');

            for (int r = 0; r < log.RowCount; r++)
            {
                writer.Write(Format(log.Time_s[r], "0.####"));
                writer.Write(',');
                writer.Write(Format(log.Current_A[r], "0.###"));
                for (int c = 0; c < log.CellCount; c++) { writer.Write(','); writer.Write(Format(log.CellVoltage_V[c][r], "0.0000")); }
                for (int s = 0; s < log.TemperatureSensorCount; s++) { writer.Write(','); writer.Write(Format(log.Temperature_C[s][r], "0.00")); }
                writer.Write('\n');
            }
        }

        /// <summary>Writes <paramref name="log"/> to the file at <paramref name="path"/>.</summary>
        public static void WriteFile(string path, RigLog log, IEnumerable<string>? comments = null)
        {
            using var w = new StreamWriter(path);
            Write(w, log, comments);
        }

        private static string Format(double v, string format)
        {
            if (RigLog.IsMissing(v)) return "";
            string s = v.ToString(format, CultureInfo.InvariantCulture);
            // A tiny negative value rounds to "-0"; write plain zero.
            return s[0] == '-' && s.AsSpan(1).Trim("0.").IsEmpty ? s.Substring(1) : s;
        }
    }
}
