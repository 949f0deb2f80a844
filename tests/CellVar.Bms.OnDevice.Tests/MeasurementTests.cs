using System;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Estimation;
using CellVar.Bms.OnDevice.Tests.Simulation;

namespace CellVar.Bms.OnDevice.Tests
{
    public class MeasurementTests
    {
        [Fact]
        public void Two_Point_Calibration_Recovers_A_Real_Channel_Within_Half_A_Count()
        {
            // ESP32-like channel: 0.8 mV/count behind a 2:1 divider with a 60 mV offset.
            double gain_uV = 1612.3, offset_uV = -60000;
            int raw1 = 1500, raw2 = 2600;
            int v1 = (int)Math.Round(raw1 * gain_uV + offset_uV), v2 = (int)Math.Round(raw2 * gain_uV + offset_uV);
            int g = ChannelCalibration.GainFromTwoPoints(raw1, v1, raw2, v2);
            int o = ChannelCalibration.OffsetFromTwoPoints(raw1, v1, g);
            for (int raw = 0; raw <= 4095; raw += 5)
            {
                double exact = raw * gain_uV + offset_uV;
                int got = ChannelCalibration.Apply(raw * 8L, 8, g, o);
                // Gain is quantized to 2^-16 µV/count (≤ 0.07 µV at 4095 counts) plus the reference points' rounding: ≪ one count.
                Assert.True(Math.Abs(got - exact) <= gain_uV / 2, $"raw {raw}: {got} vs {exact}");
            }
            Assert.Equal(0, ChannelCalibration.GainFromTwoPoints(5, 1, 5, 2)); // degenerate points are detectable
        }

        /// <summary>The monitor inlines the calibration in its hot loop; it must equal ChannelCalibration.Apply bit for bit.</summary>
        [Fact]
        public void Monitor_Applies_The_Same_Calibration_As_ChannelCalibration()
        {
            var cfg = MonitorConfig.CreateVirtual(4, 0);
            cfg.AdcMaxCount = 4095;
            cfg.AveragingCount = 3;
            cfg.CurrentGain_Q16 = 100 << 16;
            cfg.CurrentOffset_mA = -204800;
            cfg.MaxJump_mV = 100000; // random readings: jumps are not what this test is about
            int[] gains = { 105667331, 105600000, 52428800 + 12345, 98765432 }; // ≈ 1.6 mV/count, non-integer in Q16
            int[] offsets = { -60000, 12345, -777, 0 };
            for (int i = 0; i < 4; i++) { cfg.CellGain_Q16[i] = gains[i]; cfg.CellOffset_uV[i] = offsets[i]; }
            var adc = new ScriptedAdc(4, 42);
            var m = new PackMonitor(cfg, adc);
            for (int t = 0; t < 200; t++)
            {
                m.Tick(t * 1000);
                for (int i = 0; i < 4; i++)
                    Assert.Equal(ChannelCalibration.Apply(adc.LastSum[i], 3, gains[i], offsets[i]), m.GetCellVoltage_uV(i));
            }
        }

        private sealed class ScriptedAdc : IAdcChannelReader
        {
            private readonly Random _rng;
            private readonly int _cells;
            public readonly long[] LastSum;
            private readonly int[] _reads;
            public ScriptedAdc(int cells, int seed) { _cells = cells; _rng = new Random(seed); LastSum = new long[cells]; _reads = new int[cells]; }
            public int ReadRaw(int channel)
            {
                if (channel >= _cells) return 2048;
                if (_reads[channel]++ % 3 == 0) LastSum[channel] = 0;
                int raw = 1800 + _rng.Next(1200);
                LastSum[channel] += raw;
                return raw;
            }
        }

        [Fact]
        public void Averaging_Keeps_Sub_Count_Resolution()
        {
            // 4 conversions of 1000,1001,1001,1001 counts at 1000 µV/count → 1000.75 counts → 1000750 µV.
            Assert.Equal(1000750, ChannelCalibration.Apply(4003, 4, 1000 << 16, 0));
        }

        [Fact]
        public void Virtual_Adc_Maps_Physical_Values_Exactly()
        {
            var cfg = MonitorConfig.CreateVirtual(2, 2);
            Assert.Equal(3712340, ChannelCalibration.Apply(VirtualAdc.VoltageToCounts(3712340), 1, cfg.CellGain_Q16[0], cfg.CellOffset_uV[0]));
            Assert.Equal(-12345, ChannelCalibration.Apply(VirtualAdc.CurrentToCounts(-12345), 1, cfg.CurrentGain_Q16, cfg.CurrentOffset_mA));
            Assert.Equal(-153, ChannelCalibration.Apply(VirtualAdc.TemperatureToCounts(-153), 1, cfg.TemperatureGain_Q16[1], cfg.TemperatureOffset_dC[1]));
        }

        [Fact]
        public void Default_Ntc_Table_Matches_The_Beta_Equation_Within_1_5_K()
        {
            int[] counts = NtcTable.CreateDefaultCounts();
            int[] temps = NtcTable.CreateDefaultTemperatures_dC();
            double worst = 0;
            for (double t = -40; t <= 125; t += 0.5)
            {
                double r = 10000 * Math.Exp(3950 * (1 / (t + 273.15) - 1 / 298.15));
                double c = 4095 * r / (r + 10000);
                int got = NtcTable.Interpolate_dC((int)Math.Round(c * 256), counts, temps);
                worst = Math.Max(worst, Math.Abs(got / 10.0 - t));
            }
            // 15 K linear segments on a convex curve: chord error peaks ≈ 1.2 K near the hot end.
            Assert.True(worst <= 1.5, $"worst {worst:F2} K");
            Assert.Equal(1250, NtcTable.Interpolate_dC(0, counts, temps));          // clamps below the table
            Assert.Equal(-400, NtcTable.Interpolate_dC(4095 << 8, counts, temps));  // and above
        }

        [Fact]
        public void Ocv_Table_Interpolates_Soc()
        {
            int[] ocv = { 3000, 3450, 3560, 3620, 3670, 3730, 3810, 3900, 3990, 4080, 4180 };
            Assert.Equal(0, OcvTable.SocFromVoltage_cPct(2900000, ocv));
            Assert.Equal(10000, OcvTable.SocFromVoltage_cPct(4200000, ocv));
            Assert.Equal(5000, OcvTable.SocFromVoltage_cPct(3730000, ocv));
            Assert.Equal(5500, OcvTable.SocFromVoltage_cPct(3770000, ocv));
        }

        /// <summary>Stacked taps through a divider: cell k = tap k − tap k−1; an open tap spoils both neighbours.</summary>
        [Fact]
        public void Stacked_Taps_Are_Differenced_And_A_Bad_Tap_Flags_Both_Neighbours()
        {
            var taps = new StackedTapAdc();
            var cfg = MonitorConfig.CreateVirtual(4, 0);
            cfg.FrontEnd = VoltageFrontEnd.StackedTaps;
            cfg.AdcMaxCount = 4095;
            cfg.CurrentChannel = 4;
            cfg.CurrentGain_Q16 = 100 << 16;      // 100 mA/count
            cfg.CurrentOffset_mA = -204800;       // zero at 2048 counts
            for (int i = 0; i < 4; i++) cfg.CellGain_Q16[i] = 5000 << 16; // 5 mV/count (1:6 divider on a 12-bit ADC)
            var m = new PackMonitor(cfg, taps);
            m.Tick(0);
            Assert.Equal(3700, m.GetCellVoltage_mV(0));
            Assert.Equal(3650, m.GetCellVoltage_mV(1));
            Assert.Equal(3800, m.GetCellVoltage_mV(2));
            Assert.Equal(3600, m.GetCellVoltage_mV(3));
            for (int i = 0; i < 4; i++) Assert.Equal(0, m.GetSampleFlags(i) & SampleFlags.FaultMask);
            taps.Open[2] = true; // tap 2 reads 0 counts
            m.Tick(1000);
            Assert.Equal(0, m.GetSampleFlags(0) & SampleFlags.FaultMask);
            Assert.Equal(0, m.GetSampleFlags(1) & SampleFlags.FaultMask);
            Assert.NotEqual(0, m.GetSampleFlags(2) & SampleFlags.Rail);
            Assert.NotEqual(0, m.GetSampleFlags(3) & SampleFlags.Rail);
        }

        private sealed class StackedTapAdc : IAdcChannelReader
        {
            public readonly bool[] Open = new bool[4];
            private static readonly int[] TapsMv = { 3700, 7350, 11150, 14750 };
            public int ReadRaw(int channel)
            {
                if (channel == 4) return 2048;
                return Open[channel] ? 0 : TapsMv[channel] / 5;
            }
        }

        [Fact]
        public void Ntc_Sensors_Flow_Through_The_Monitor()
        {
            var cfg = MonitorConfig.CreateVirtual(3, 3);
            cfg.TemperatureKind = TemperatureSensorKind.NtcTable;
            var adc = new FixedAdc(3, new[] { 2278, 1614, 4095 }); // 20 °C, 35 °C, open thermistor (pulled to full scale)
            var m = new PackMonitor(cfg, adc);
            m.Tick(0);
            Assert.Equal(200, m.GetTemperature_dC(0));
            Assert.Equal(350, m.GetTemperature_dC(1));
            Assert.NotEqual(0, m.GetTemperatureSensorFlags(2) & SampleFlags.Implausible); // beyond the table
        }

        private sealed class FixedAdc : IAdcChannelReader
        {
            private readonly int _cells;
            private readonly int[] _temps;
            public FixedAdc(int cells, int[] temps) { _cells = cells; _temps = temps; }
            public int ReadRaw(int channel)
            {
                if (channel < _cells) return VirtualAdc.VoltageToCounts(3700000);
                if (channel == _cells) return VirtualAdc.CurrentZero_counts;
                return _temps[channel - _cells - 1];
            }
        }
    }
}
