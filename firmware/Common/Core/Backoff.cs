namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Reconnect back-off: 1 s, 2 s, 4 s … capped at 60 s, with up to 25 % jitter from a per-monitor seed so that a
    /// rig full of monitors does not reconnect in lock-step after a broker restart.
    /// </summary>
    public sealed class Backoff
    {
        /// <summary>First delay, ms.</summary>
        public const int Initial_ms = 1000;
        /// <summary>Largest delay, ms.</summary>
        public const int Max_ms = 60000;

        private int _next_ms = Initial_ms;
        private uint _state;

        /// <summary>Creates the back-off; <paramref name="seed"/> decorrelates monitors (use the monitor id's hash).</summary>
        public Backoff(int seed)
        {
            _state = (uint)seed | 1u;
        }

        /// <summary>Returns the delay before the next attempt and doubles the following one.</summary>
        public int NextDelay_ms()
        {
            int d = _next_ms;
            _next_ms = _next_ms >= Max_ms / 2 ? Max_ms : _next_ms * 2;
            // xorshift32: deterministic, allocation-free, no System.Random state shared with other code.
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            int jitter = (int)(_state % (uint)(d / 4 + 1));
            return d + jitter;
        }

        /// <summary>Back to the initial delay after a successful connection.</summary>
        public void Reset()
        {
            _next_ms = Initial_ms;
        }

        /// <summary>A stable hash of an ASCII id (FNV-1a) for the seed.</summary>
        public static int Hash(string id)
        {
            uint h = 2166136261;
            for (int i = 0; i < id.Length; i++)
            {
                h ^= id[i];
                h *= 16777619;
            }
            return (int)h;
        }
    }
}
