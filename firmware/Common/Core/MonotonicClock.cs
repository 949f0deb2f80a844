using System;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Milliseconds since boot from <see cref="DateTime.UtcNow"/>, immune to clock steps: when SNTP or the RTC moves
    /// the wall clock, the step is ignored instead of becoming a huge (or negative) tick interval for the estimators.
    /// The count is a long, so it does not wrap in the life of a monitor (an int would after 24.8 days).
    /// </summary>
    public sealed class MonotonicClock
    {
        // A real gap between two reads is at most a few sample periods; anything larger (or negative) is a clock step.
        private const long MaxGapTicks = 60L * 10000000L;
        private long _lastTicks;
        private long _now_ms;
        private long _remainderTicks;

        /// <summary>Starts at 0 ms now.</summary>
        public MonotonicClock() : this(DateTime.UtcNow.Ticks)
        {
        }

        /// <summary>Starts at 0 ms at wall-clock <paramref name="startTicks"/> (100 ns units, as <see cref="DateTime.Ticks"/>).</summary>
        public MonotonicClock(long startTicks)
        {
            _lastTicks = startTicks;
        }

        /// <summary>Clock steps ignored so far.</summary>
        public int StepsIgnored { get; private set; }

        /// <summary>Current time, ms since construction.</summary>
        public long Now_ms()
        {
            return At(DateTime.UtcNow.Ticks);
        }

        /// <summary>Time in ms since construction when the wall clock reads <paramref name="utcTicks"/>; a step is ignored.</summary>
        public long At(long utcTicks)
        {
            long d = utcTicks - _lastTicks;
            _lastTicks = utcTicks;
            if (d < 0 || d > MaxGapTicks)
            {
                StepsIgnored++;
                return _now_ms;
            }
            d += _remainderTicks;
            _now_ms += d / 10000;
            _remainderTicks = d % 10000;
            return _now_ms;
        }
    }
}
