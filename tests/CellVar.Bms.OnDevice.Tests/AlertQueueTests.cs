using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Diagnosis;

namespace CellVar.Bms.OnDevice.Tests
{
    public class AlertQueueTests
    {
        [Fact]
        public void Fifo_With_Sequence_Numbers_And_Drop_Counting()
        {
            var q = new AlertQueue(3);
            var a = new Alert();
            for (int i = 0; i < 5; i++)
            {
                a.Cell = i;
                q.Enqueue(ref a);
            }
            Assert.Equal(3, q.Count);
            Assert.Equal(2, q.DroppedCount);
            var got = new Alert();
            Assert.True(q.TryDequeue(ref got));
            Assert.Equal(2, got.Cell);       // the two oldest were overwritten
            Assert.Equal(3, got.Sequence);   // the gap in sequence numbers shows the drop
            Assert.True(q.TryDequeue(ref got));
            Assert.True(q.TryDequeue(ref got));
            Assert.Equal(4, got.Cell);
            Assert.Equal(5, got.Sequence);
            Assert.False(q.TryDequeue(ref got));
            Assert.Equal(4, got.Cell);       // unchanged on failure
        }

        [Fact]
        public void Cusum_Llr_Increment_Clamps_And_Statistic_Resets_At_Zero()
        {
            int h = 30 * 65536;
            // δ = 2, z_T = 100 σ (glitch) → clamped to 8 → increment 16.
            Assert.Equal(16 * 65536, Cusum.LlrIncrement_Q16(100 * 65536, 2 * 65536));
            Assert.Equal(-16 * 65536, Cusum.LlrIncrement_Q16(-100 * 65536, 2 * 65536));
            Assert.Equal(0, Cusum.LlrIncrement_Q16(3 * 65536, -5));         // no direction, no evidence
            int s = Cusum.Update(0, 16 * 65536, h);
            Assert.Equal(16 * 65536, s);
            s = Cusum.Update(s, -40 * 65536, h);
            Assert.Equal(0, s);
            for (int i = 0; i < 100; i++) s = Cusum.Update(s, 16 * 65536, h);
            Assert.Equal(2 * h, s);                                         // capped at 2h so it can clear in bounded time
        }

        /// <summary>
        /// The false-alarm property the defaults rely on, checked by simulating the statistic alone: for a value 40 % of
        /// the way from the reference to the threshold, θ = 1 − f = 0.6 and Siegmund's approximation gives the mean run
        /// (e^{θ(h+ρ)} − 1 − θ(h+ρ))/(θ·|drift|) with ρ = 1.166·δ, drift = −(1−f)δ²/2; it is never below e^{θh} and only
        /// grows as the SNR (δ) falls. h = 10 keeps the runs short enough to simulate; 300 runs of a roughly exponential
        /// run length give a ~6 % standard error, so ±25 % is 4 standard errors.
        /// </summary>
        [Theory]
        [InlineData(0.3)]
        [InlineData(1.0)]
        [InlineData(3.0)]
        public void Cusum_Run_Length_Depends_On_Position_Not_On_Snr(double delta)
        {
            var rng = new System.Random(5);
            int h = 10 * 65536;
            const double f = 0.4;
            double total = 0;
            const int runs = 300;
            for (int r = 0; r < runs; r++)
            {
                int s = 0, n = 0;
                while (s < h)
                {
                    double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
                    double g = System.Math.Sqrt(-2 * System.Math.Log(u1)) * System.Math.Cos(2 * System.Math.PI * u2);
                    // z_T for a value at r0 + f(T − r0): mean −(1−f)·δ/2.
                    double z = g - (1 - f) * delta / 2;
                    s = Cusum.Update(s, Cusum.LlrIncrement_Q16((int)System.Math.Round(z * 65536), (int)System.Math.Round(delta * 65536)), h);
                    n++;
                }
                total += n;
            }
            double mean = total / runs;
            double theta = 1 - f, hh = 10 + 1.166 * delta, drift = (1 - f) * delta * delta / 2;
            double siegmund = (System.Math.Exp(theta * hh) - 1 - theta * hh) / (theta * drift);
            Assert.InRange(mean, siegmund * 0.75, siegmund * 1.25);
            Assert.True(mean >= System.Math.Exp(theta * 10));
        }
    }
}
