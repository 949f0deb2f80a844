using System;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Milliseconds since boot from <see cref="DateTime.UtcNow"/>, immune to clock steps: when SNTP or the RTC moves
    /// the wall clock, the step is ignored instead of becoming a huge (or negative) tick interval for the estimators.
    /// </summary>
    public sealed class MonotonicClock
    {
        // A real gap between two reads is at most a few sample periods; anything larger (or negative) is a clock step.
        private const long MaxGapTicks = 60L * 10000000L;
        private long _lastTicks;
        private long _now_ms;
        private long _remainderTicks;

        /// <summary>Starts at 0 ms.</summary>
        public MonotonicClock()
        {
            _lastTicks = DateTime.UtcNow.Ticks;
        }

        /// <summary>Clock steps ignored so far.</summary>
        public int StepsIgnored { get; private set; }

        /// <summary>Current time, ms since construction.</summary>
        public long Now_ms()
        {
            long t = DateTime.UtcNow.Ticks;
            long d = t - _lastTicks;
            _lastTicks = t;
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
