using System;
using System.Collections.Generic;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.VirtualRig.Adc;
using Xunit;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>
    /// The rig recorder logs <see cref="Esp32AdcFrontEnd.MeasuredValue"/>; it must be exactly what the device code computed
    /// from the same conversions (trimmed mean or plain mean, same rounding), or a replayed log is not what the monitor saw.
    /// </summary>
    public sealed class RecordedValueTests
    {
        private const int Cells = 8;

        [Theory]
        [InlineData(1, ConversionAveraging.TrimExtremes)]
        [InlineData(2, ConversionAveraging.TrimExtremes)]
        [InlineData(3, ConversionAveraging.TrimExtremes)]
        [InlineData(4, ConversionAveraging.TrimExtremes)]
        [InlineData(5, ConversionAveraging.TrimExtremes)]
        [InlineData(8, ConversionAveraging.TrimExtremes)]
        [InlineData(16, ConversionAveraging.TrimExtremes)]
        [InlineData(8, ConversionAveraging.Mean)]
        public void MeasuredValue_IsExactlyWhatTheDeviceComputed(int conversions, ConversionAveraging averaging)
        {
            // Glitches (1 in 50 conversions: random count or a failed conversion) make the extremes matter, so trimmed and
            // plain means differ often; noise of 3 counts makes them differ even without a glitch.
            var o = new AdcModelOptions { AveragingCount = conversions, GlitchProbability = 0.02, Noise_counts = 3 };
            var adc = new Esp32AdcFrontEnd(Cells, Cells, o, seed: 11 + conversions);
            adc.Config.Averaging = averaging;
            var tap = new TappedReader(adc);
            var monitor = new PackMonitor(adc.Config, tap);
            var rng = new Random(3);
            double[] v = new double[Cells], t = new double[Cells];
            int compared = 0, differFromPlainMean = 0, failed = 0;
            for (int tick = 1; tick <= 200; tick++)
            {
                for (int i = 0; i < Cells; i++) { v[i] = 3.3 + 0.5 * rng.NextDouble(); t[i] = 25 + 0.5 * rng.NextDouble(); } // small steps: no temperature jump flag
                double current = -40 + 80 * rng.NextDouble();
                adc.SetInputs(v, current, t);
                tap.Clear();
                monitor.Tick(tick * 1000);

                // Channel layout of the virtual front end: cells 0..N−1, current N, sensors N+1..2N.
                for (int ch = 0; ch < adc.ChannelCount; ch++)
                {
                    int? recorded = adc.MeasuredValue(ch);
                    Assert.Equal(conversions, tap.Raw[ch].Count); // the device read each channel exactly AveragingCount times
                    bool conversionFailed = tap.Raw[ch].Contains(-1);
                    if (conversionFailed)
                    {
                        Assert.Null(recorded);
                        Assert.NotEqual(0, DeviceFlags(monitor, ch) & SampleFlags.ConversionFailed);
                        failed++;
                        continue;
                    }
                    Assert.NotNull(recorded);
                    int? device = DeviceValue(monitor, ch);
                    if (device == null) continue; // a flagged temperature sample: the device keeps its last good value instead
                    Assert.Equal(device.Value, recorded.Value);
                    compared++;
                    if (recorded.Value != PlainMean(adc, ch, tap.Raw[ch])) differFromPlainMean++;
                }
            }
            // Only temperature samples the device flagged (a glitch it did not trim away) are skipped: at most a few per cent.
            Assert.True(compared > 200 * adc.ChannelCount * 3 / 4, $"only {compared} samples compared ({failed} failed conversions)");
            if (conversions >= 4 && averaging == ConversionAveraging.TrimExtremes)
                // Trimming really happened (so the plain mean, which the recorder used to log, would have failed this test).
                Assert.True(differFromPlainMean > compared / 4, $"{differFromPlainMean} of {compared} differ from the plain mean");
            else
                Assert.Equal(0, differFromPlainMean); // 1–3 conversions, or Mean: nothing to trim
        }

        private static int? DeviceValue(PackMonitor m, int ch)
        {
            if (ch < Cells) return m.GetCellVoltage_uV(ch);
            if (ch == Cells) return m.PackCurrent_mA;
            int s = ch - Cells - 1;
            return m.GetTemperatureSensorFlags(s) == 0 ? m.GetTemperature_dC(s) : null;
        }

        private static int DeviceFlags(PackMonitor m, int ch)
        {
            if (ch < Cells) return m.GetSampleFlags(ch);
            if (ch == Cells) return m.PackFlags;
            return m.GetTemperatureSensorFlags(ch - Cells - 1);
        }

        // Independent of the front end's bookkeeping: the plain mean of the conversions the device actually read.
        private static int PlainMean(Esp32AdcFrontEnd adc, int ch, List<int> raw)
        {
            long sum = 0;
            foreach (int r in raw) sum += r;
            MonitorConfig c = adc.Config;
            if (ch < Cells) return ChannelCalibration.Apply(sum, raw.Count, c.CellGain_Q16[ch], c.CellOffset_uV[ch]);
            if (ch == Cells) return ChannelCalibration.Apply(sum, raw.Count, c.CurrentGain_Q16, c.CurrentOffset_mA);
            int s = ch - Cells - 1;
            return ChannelCalibration.Apply(sum, raw.Count, c.TemperatureGain_Q16[s], c.TemperatureOffset_dC[s]);
        }

        /// <summary>Passes conversions through to the device and keeps a copy of each.</summary>
        private sealed class TappedReader(Esp32AdcFrontEnd inner) : IAdcChannelReader
        {
            public readonly List<int>[] Raw = CreateLists(inner.ChannelCount);

            public void Clear() { foreach (var l in Raw) l.Clear(); }

            public int ReadRaw(int channel)
            {
                int r = inner.ReadRaw(channel);
                Raw[channel].Add(r);
                return r;
            }

            private static List<int>[] CreateLists(int n)
            {
                var a = new List<int>[n];
                for (int i = 0; i < n; i++) a[i] = [];
                return a;
            }
        }
    }
}
