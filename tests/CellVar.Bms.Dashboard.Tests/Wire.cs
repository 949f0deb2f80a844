using System;
using System.Text;

namespace CellVar.Bms.Dashboard.Tests
{
    /// <summary>Protocol v1 payloads (PROTOCOL.md, tests/golden/mqtt) with one sequence counter per monitor, as a device keeps it.</summary>
    internal sealed class Wire
    {
        private long _seq = 1000;

        public Wire(string site, string monitor)
        {
            Site = site;
            Monitor = monitor;
        }

        public string Site { get; }
        public string Monitor { get; }

        public string Topic(string kind) => $"cellvar/v1/{Site}/{Monitor}/{kind}";

        /// <summary>Device time to stamp on the next messages (Unix ms); null = now.</summary>
        public long? At { get; set; }

        private long Now => At ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        public byte[] Online(int cells) =>
            Encoding.UTF8.GetBytes($"{{\"v\":1,\"mon\":\"{Monitor}\",\"seq\":{++_seq},\"t\":{Now},\"online\":true,\"fw\":\"0.1.0\",\"cells\":{cells}}}");

        /// <summary>One telemetry page; <paramref name="cell"/> gives (voltage mV, R µΩ, Q mAh, T 0.1 °C, R score, T score, flags) per cell number.</summary>
        public byte[] Telemetry(int firstCell, int count, Func<int, (int V, int R, int Q, int T, int Rz, int Tz, int Flags)> cell)
        {
            var sb = new StringBuilder($"{{\"v\":1,\"mon\":\"{Monitor}\",\"seq\":{++_seq},\"t\":{Now},\"i_mA\":-12500,\"c0\":{firstCell},\"cells\":[");
            for (int i = 0; i < count; i++)
            {
                var c = cell(firstCell + i);
                sb.Append(i == 0 ? "" : ",").Append($"[{c.V},{c.R},{c.Q},{c.T},{c.Rz},{c.Tz},{c.Flags}]");
            }
            return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
        }

        public byte[] Alert(int cell, string kind, bool raised, long value, long limit, long score_c) =>
            Encoding.UTF8.GetBytes($"{{\"v\":1,\"mon\":\"{Monitor}\",\"seq\":{++_seq},\"t\":{Now},\"cell\":{cell},\"kind\":\"{kind}\"," +
                                   $"\"state\":\"{(raised ? "raised" : "cleared")}\",\"val\":{value},\"lim\":{limit},\"z\":{score_c}}}");
    }
}
