using System;
using System.Text;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;
using CellVar.Bms.OnDevice.Tests.Simulation;

namespace CellVar.Bms.OnDevice.Tests
{
    /// <summary>
    /// The provisioning keys <c>averagingMode</c> and <c>maxCurrentSpread_mA</c> change what the monitor does, not just
    /// a field: a 4-cell virtual-ADC file goes through the device's <see cref="ProvisioningParser"/> and
    /// <see cref="DeviceConfiguration.ToMonitorConfig"/> into a <see cref="PackMonitor"/> over the simulated pack. The
    /// current sensor is a noisy Hall-like one (400 mA σ per conversion, 16 conversions): at the library default of
    /// 1000 mA (2.5 σ) about half its samples are dropped and the pack sits in a sensor fault; raised to 6 σ, none is.
    /// </summary>
    public class ProvisionedSpreadLimitTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _out;
        public ProvisionedSpreadLimitTests(Xunit.Abstractions.ITestOutputHelper output) { _out = output; }

        private const double HallNoise_A = 0.400;
        private const int Conversions = 16;
        private const int Ticks = 2000;

        // Virtual ADC conventions (VirtualAdc): cells 10 µV/count on ch 0..3, current 1 mA/count around 2^19 on ch 4.
        private const string File = """
            {
              "v": 1, "monitor": "rig1-m01", "site": "lab", "board": "virtual", "target": "host",
              "broker": { "host": "127.0.0.1" },
              "averaging": 16, KEYS
              "adcMax": 1048575, "adcChannels": [0, 1, 2, 3, 4, 5],
              "cells": [
                { "ch": 0, "gain_Q16": 655360, "offset_uV": 0 },
                { "ch": 1, "gain_Q16": 655360, "offset_uV": 0 },
                { "ch": 2, "gain_Q16": 655360, "offset_uV": 0 },
                { "ch": 3, "gain_Q16": 655360, "offset_uV": 0 }
              ],
              "current": { "ch": 4, "gain_Q16": 65536, "offset_mA": -524288 }
            }
            """;

        private static MonitorConfig Provisioned(string keys)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(File.Replace("KEYS", keys));
            var cfg = new DeviceConfiguration();
            var err = new ProvisioningError();
            Assert.True(new ProvisioningParser().Parse(bytes, bytes.Length, cfg, err) == ProvisioningStatus.Ok, err.ToString());
            return cfg.ToMonitorConfig();
        }

        private sealed class Run
        {
            public int Dropped, FaultTicks, MaxCurrentError_mA;
        }

        private static Run Drive(MonitorConfig cfg, int seed)
        {
            var h = new PackHarness(cfg, seed);
            h.Pack.VoltageNoisePerConversion_V = 0.002;
            h.Pack.CurrentNoisePerConversion_A = HallNoise_A;
            var r = new Run();
            for (int k = 0; k < Ticks; k++)
            {
                h.Pack.Current_A = k % 2 == 0 ? 5.0 : 15.0;
                h.Tick();
                if ((h.Monitor.PackFlags & SampleFlags.Spread) != 0) r.Dropped++;
                if (h.Monitor.IsPackFaultActive) r.FaultTicks++;
                r.MaxCurrentError_mA = Math.Max(r.MaxCurrentError_mA, Math.Abs(h.Monitor.PackCurrent_mA - (int)Math.Round(h.Pack.Current_A * 1000)));
            }
            return r;
        }

        // Double order-statistics reference, independent of the device code: P(x(15) − x(2) > limit/σ) for 16 Gaussians.
        private static double ReferenceDropProbability(double limit_sigma, int draws, int seed)
        {
            var rng = new Random(seed);
            var x = new double[Conversions];
            int over = 0;
            for (int d = 0; d < draws; d++)
            {
                for (int i = 0; i < Conversions; i++)
                    x[i] = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());
                Array.Sort(x);
                if (x[Conversions - 2] - x[1] > limit_sigma) over++;
            }
            return over / (double)draws;
        }

        [Fact]
        public void Default_limit_below_the_sensor_noise_drops_samples_and_raises_the_pack_fault_a_raised_limit_does_not()
        {
            MonitorConfig byDefault = Provisioned("");
            MonitorConfig raised = Provisioned("\"averagingMode\": \"trim\", \"maxCurrentSpread_mA\": 2400,");
            Assert.Equal(1000, byDefault.MaxCurrentSpread_mA);
            Assert.Equal(2400, raised.MaxCurrentSpread_mA);

            Run d = Drive(byDefault, 5);
            Run r = Drive(raised, 5);
            double expected = ReferenceDropProbability(1.000 / HallNoise_A, 20000, 77);
            _out.WriteLine($"Hall-like current noise {HallNoise_A * 1000:F0} mA/conversion, {Conversions} conversions, {Ticks} ticks:");
            _out.WriteLine($"  maxCurrentSpread_mA 1000 (default): {d.Dropped} samples dropped ({d.Dropped / (double)Ticks:P1}; reference {expected:P1}), pack fault on {d.FaultTicks} ticks");
            _out.WriteLine($"  maxCurrentSpread_mA 2400 (6 σ):     {r.Dropped} samples dropped, pack fault on {r.FaultTicks} ticks, max |current error| {r.MaxCurrentError_mA} mA");

            // Default: the drop rate is the reference order-statistics probability (≈ 0.53). Binomial SE over 2000 ticks is
            // 0.011 and the reference's own SE over 20000 draws 0.004; ±0.05 is > 4 combined SE.
            Assert.InRange(d.Dropped / (double)Ticks, expected - 0.05, expected + 0.05);
            // Five dropped samples in a row happen every few dozen ticks at p ≈ 0.5: the pack sensor fault is on most of the time.
            Assert.True(d.FaultTicks > Ticks / 10, $"pack fault on only {d.FaultTicks} of {Ticks} ticks");

            // Raised to 6 σ: the kept spread of 16 Gaussians exceeds 6 σ with probability < 10⁻⁵ (none in 10⁵ reference
            // draws), so over 2000 ticks nothing is dropped and the pack never faults.
            Assert.Equal(0, r.Dropped);
            Assert.Equal(0, r.FaultTicks);
            // The kept samples are still good currents: the trimmed mean of 16 has σ ≈ (400/√16)/√0.97 ≈ 102 mA (efficiency
            // 0.97 vs the mean), and 550 mA is 5.4 σ: P(any of 2000 errors beyond it) < 10⁻⁴.
            Assert.True(r.MaxCurrentError_mA < 550, $"max current error {r.MaxCurrentError_mA} mA");
        }

        /// <summary>
        /// The sizing rule in hardware/README.md ("Current-sensor noise": limit ≥ 6 σ) rests on these order statistics of the
        /// kept spread x(N−1) − x(2) of N Gaussian conversions; the README quotes them, this reproduces them.
        /// </summary>
        [Theory]
        [InlineData(16, 2.6, 4.5, 5.0)]
        [InlineData(8, 1.7, 3.9, 4.4)]
        public void Kept_spread_quantiles_quoted_in_the_hardware_readme(int n, double mean_sigma, double q999_sigma, double q9999_sigma)
        {
            const int Draws = 400000;
            var rng = new Random(4242 + n);
            var x = new double[n];
            var spread = new double[Draws];
            double sum = 0;
            for (int d = 0; d < Draws; d++)
            {
                for (int i = 0; i < n; i++)
                    x[i] = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());
                Array.Sort(x);
                spread[d] = x[n - 2] - x[1];
                sum += spread[d];
            }
            Array.Sort(spread);
            double mean = sum / Draws, q999 = spread[(int)(Draws * 0.999)], q9999 = spread[(int)(Draws * 0.9999)];
            _out.WriteLine($"N = {n}: kept spread mean {mean:F3} σ, 99.9 % {q999:F3} σ, 99.99 % {q9999:F3} σ, max {spread[Draws - 1]:F3} σ in {Draws} draws");
            // The README rounds to 0.1 σ; ±0.08 covers that rounding (0.05) plus Monte Carlo error (the 99.99 % point rests
            // on 40 tail draws: its SE here is ≈ 0.03 σ).
            Assert.InRange(mean, mean_sigma - 0.08, mean_sigma + 0.08);
            Assert.InRange(q999, q999_sigma - 0.08, q999_sigma + 0.08);
            Assert.InRange(q9999, q9999_sigma - 0.08, q9999_sigma + 0.08);
            // Hence 6 σ: not one draw of 400 000 goes beyond it.
            Assert.True(spread[Draws - 1] < 6.0, $"max kept spread {spread[Draws - 1]:F2} σ");
        }

        [Fact]
        public void Mean_mode_and_a_zero_limit_turn_the_spread_check_off()
        {
            // A 1 mA limit flags every trimmed sample of this noisy sensor (the kept spread is hundreds of mA)...
            Run strict = Drive(Provisioned("\"maxCurrentSpread_mA\": 1,"), 9);
            Assert.Equal(Ticks, strict.Dropped);
            // ...the same limit with the plain mean does nothing, since only trimming checks the spread...
            Run mean = Drive(Provisioned("\"averagingMode\": \"mean\", \"maxCurrentSpread_mA\": 1,"), 9);
            Assert.Equal(0, mean.Dropped);
            Assert.Equal(0, mean.FaultTicks);
            // ...and 0 switches the check off with trimming too.
            Run off = Drive(Provisioned("\"maxCurrentSpread_mA\": 0,"), 9);
            Assert.Equal(0, off.Dropped);
            Assert.Equal(0, off.FaultTicks);
        }
    }
}
