using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;
using CellVar.Bms.Provisioning;
using CellVar.Bms.Provisioning.Calibration;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>`cellvar calibrate` logic: recovers known gains/offsets from synthetic meter readings.</summary>
    public class CalibrationTests
    {
        private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

        [Fact]
        public void Two_points_recover_gain_and_offset_exactly()
        {
            // Pin = 1.9 mV/count · raw + 12 mV (a made-up channel); two noiseless meter points.
            var readings = new List<CalibrationReading>
            {
                new("cell1", 1500, 1.9 * 1500 + 12, 2),
                new("cell1", 2400, 1.9 * 2400 + 12, 3),
            };
            ChannelFit f = ChannelCalibrator.FitAll(readings).Single();
            Assert.Equal("two-point", f.Method);
            // Noiseless points: only double rounding separates the fit from the line.
            Assert.Equal(1.9, f.Slope, 12);
            Assert.Equal(12.0, f.Intercept, 9);
        }

        [Fact]
        public void Least_squares_recovers_known_lines_within_their_standard_error()
        {
            var rng = new Random(9);
            const double sigma = 0.5; // meter + ADC noise, mV (σ of each reading)
            var truth = new Dictionary<string, (double Slope, double Intercept)>
            {
                ["cell1"] = (1.905, 14.0),
                ["cell2"] = (1.872, -9.5),
                ["cell3"] = (2.013, 3.25),
                ["current"] = (16.21, -33200.0), // mA per count, mA
            };
            var readings = new List<CalibrationReading>();
            int line = 2;
            foreach (var (signal, (a, b)) in truth)
            {
                for (int k = 0; k < 12; k++)
                {
                    double raw = 1600 + 60 * k;
                    double noise = signal == "current" ? 10 * sigma : sigma;
                    readings.Add(new CalibrationReading(signal, raw, a * raw + b + noise * Gaussian(rng), line++));
                }
            }
            foreach (ChannelFit f in ChannelCalibrator.FitAll(readings))
            {
                var (a, b) = truth[f.Signal];
                double s = f.Signal == "current" ? 10 * sigma : sigma;
                double[] x = readings.Where(r => r.Signal == f.Signal).Select(r => r.RawCounts).ToArray();
                double mean = x.Average();
                double sxx = x.Sum(v => (v - mean) * (v - mean));
                double seSlope = s / Math.Sqrt(sxx);
                double seIntercept = s * Math.Sqrt(1.0 / x.Length + mean * mean / sxx);
                Assert.Equal("least-squares", f.Method);
                // 4 standard errors: a false failure has probability ~6e-5 per parameter for this fixed seed's family.
                Assert.InRange(f.Slope, a - 4 * seSlope, a + 4 * seSlope);
                Assert.InRange(f.Intercept, b - 4 * seIntercept, b + 4 * seIntercept);
                Assert.InRange(f.RmsResidual, 0.5 * s, 1.5 * s); // 12 points: the residual RMS estimates σ within ±50 %
            }
        }

        [Fact]
        public void Calibrated_file_passes_the_device_parser_and_the_device_converts_raw_counts_to_meter_values()
        {
            var o = new ProvisionOptions { MonitorId = "rig1-m02", Board = "esp32-s3", Cells = 3, CalibrationMode = true, BrokerHost = "10.0.0.2" };
            string config = Provisioner.Provision(Configs.Boards(), o).ConfigJson;
            var (s0, c0, _) = Configs.Parse(config);
            Assert.Equal(ProvisioningStatus.Ok, s0);
            Assert.True(c0.CalibrationMode);

            // Synthetic rig: each cell channel has its own true line; the meter reads volts across a 2:1 front end.
            var rng = new Random(4);
            var truth = new[] { (1.52, 21.0), (1.55, -8.0), (1.49, 5.0) };
            var csv = new StringBuilder("signal,raw_counts,reference\n# meter in mV\n");
            for (int cell = 0; cell < 3; cell++)
            {
                foreach (double raw in new[] { 1900.0, 2200, 2500, 2800 })
                    csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"cell{cell + 1},{raw},{truth[cell].Item1 * raw + truth[cell].Item2 + 0.2 * Gaussian(rng):0.###}"));
            }
            var fits = ChannelCalibrator.FitAll(CalibrationCsv.Parse(csv.ToString(), "rig.csv"));
            string calibrated = ConfigCalibrationWriter.Apply(config, fits);
            var (s, c, e) = Configs.Parse(calibrated);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            Assert.False(c.CalibrationMode);
            for (int cell = 0; cell < 3; cell++)
            {
                foreach (int raw in new[] { 2000, 2600 })
                {
                    // The device's own conversion (16 conversions averaged) of a known raw count vs the true line.
                    int uV = ChannelCalibration.Apply(raw * 16L, 16, c.CellGain_Q16[cell], c.CellOffset_uV[cell]);
                    double expected_uV = (truth[cell].Item1 * raw + truth[cell].Item2) * 1000;
                    // Noise 0.2 mV on 4 points leaves ≲0.5 mV of fit error at these counts; Q16 rounding adds < 1 µV.
                    Assert.InRange(uV, expected_uV - 600, expected_uV + 600);
                }
            }
        }

        [Theory]
        [InlineData("sig,raw,ref\ncell1,1,2\n", "rig.csv:1: header must be 'signal,raw_counts,reference'")]
        [InlineData("signal,raw_counts,reference\ncell1,abc,2\n", "rig.csv:2:2: raw_counts 'abc' is not a number")]
        [InlineData("signal,raw_counts,reference\ncell1,100,2,4\n", "rig.csv:2: expected 3 columns, found 4")]
        [InlineData("signal,raw_counts,reference\ncell0,100,2\n", "rig.csv:2:1: signal 'cell0' must be cell1..cellN, current or pack")]
        [InlineData("signal,raw_counts,reference\ncell1,100,NaN\n", "rig.csv:2:3: reference 'NaN' is not a number")]
        [InlineData("signal,raw_counts,reference\n", "rig.csv: no readings after the header")]
        public void Broken_csv_names_line_and_column(string text, string expected)
        {
            var e = Assert.Throws<ProvisioningException>(() => CalibrationCsv.Parse(text, "rig.csv"));
            Assert.Equal(expected, e.Message);
        }

        [Fact]
        public void Degenerate_readings_are_refused()
        {
            var one = CalibrationCsv.Parse("signal,raw_counts,reference\ncell1,100,200\n", "r.csv");
            Assert.Contains("needs at least two readings (line 2", Assert.Throws<ProvisioningException>(() => ChannelCalibrator.FitAll(one)).Message);
            var flat = CalibrationCsv.Parse("signal,raw_counts,reference\ncell1,100,200\ncell1,100.2,300\n", "r.csv");
            Assert.Contains("raw counts span 0.2 counts", Assert.Throws<ProvisioningException>(() => ChannelCalibrator.FitAll(flat)).Message);
        }

        [Fact]
        public void A_fit_for_a_signal_the_file_lacks_is_refused()
        {
            string config = Provisioner.Provision(Configs.Boards(), new ProvisionOptions { MonitorId = "m", Board = "stm32f769i-discovery", Cells = 2 }).ConfigJson;
            var fits = new[] { new ChannelFit("cell3", 2, "two-point", 1.6, 0, 0, 0) };
            Assert.Contains("cell3: the configuration has 2 cells", Assert.Throws<ProvisioningException>(() => ConfigCalibrationWriter.Apply(config, fits)).Message);
            var pack = new[] { new ChannelFit("pack", 2, "two-point", 1.6, 0, 0, 0) };
            Assert.Contains("no \"pack\" channel", Assert.Throws<ProvisioningException>(() => ConfigCalibrationWriter.Apply(config, pack)).Message);
        }
    }
}
