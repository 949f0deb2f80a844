using System.CommandLine;
using System.IO;
using CellVar.Bms.Provisioning;
using CellVar.Bms.Provisioning.Calibration;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>
    /// <c>cellvar calibrate</c>: fits per-channel gain/offset from reference-meter readings (two-point or least squares)
    /// and writes them into a device configuration file.
    /// </summary>
    internal static class CalibrateCommand
    {
        public static Command Create()
        {
            var config = new Option<string>("--config") { Description = "Device configuration file from `cellvar provision`.", Required = true };
            var readings = new Option<string>("--readings") { Description = "CSV 'signal,raw_counts,reference' (reference in mV for cellN/pack, mA for current).", Required = true };
            var output = new Option<string?>("--out") { Description = "File to write (default: update --config in place)." };
            var cmd = new Command("calibrate", "Compute per-channel gain/offset from reference-meter readings and write them into the device configuration.");
            cmd.Options.Add(config);
            cmd.Options.Add(readings);
            cmd.Options.Add(output);
            cmd.SetAction(parse =>
            {
                var err = parse.InvocationConfiguration.Error;
                var o = parse.InvocationConfiguration.Output;
                try
                {
                    string csvPath = parse.GetValue(readings)!;
                    string configPath = parse.GetValue(config)!;
                    var fits = ChannelCalibrator.FitAll(CalibrationCsv.Parse(File.ReadAllText(csvPath), Path.GetFileName(csvPath)));
                    string updated = ConfigCalibrationWriter.Apply(File.ReadAllText(configPath), fits);
                    string outFile = parse.GetValue(output) ?? configPath;
                    File.WriteAllText(outFile, updated);
                    o.WriteLine($"{"signal",-8} {"n",3} {"method",-13} {"per count",12} {"offset",12} {"max resid",10} {"rms resid",10}");
                    foreach (ChannelFit f in fits)
                    {
                        string unit = f.Signal == "current" ? "mA" : "mV";
                        o.WriteLine($"{f.Signal,-8} {f.Points,3} {f.Method,-13} {f.Slope,12:0.00000} {f.Intercept,9:0.000} {unit} {f.MaxResidual,7:0.000} {unit} {f.RmsResidual,7:0.000} {unit}");
                    }
                    o.WriteLine($"wrote {outFile} (calibrationMode off); deploy it again with nanoff --filedeployment");
                    return 0;
                }
                catch (ProvisioningException e)
                {
                    err.WriteLine("error: " + e.Message);
                    return 2;
                }
                catch (IOException e)
                {
                    err.WriteLine("error: " + e.Message);
                    return 2;
                }
            });
            return cmd;
        }
    }
}
