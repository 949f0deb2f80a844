using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.VirtualRig.Mqtt;
using CellVar.Bms.VirtualRig.Running;
using CellVar.Bms.VirtualRig.Scenarios;
using CellVar.Bms.VirtualRig.Simulation;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>
    /// <c>cellvar rig</c>: K virtual monitors × N cells — the device library on simulated packs behind an ESP32-like ADC —
    /// publishing protocol v1 to a broker; prints every injected defect, and at the end what was detected.
    /// </summary>
    internal static class RigCommand
    {
        public static Command Create()
        {
            var broker = new Option<string>("--broker") { Description = "MQTT broker, mqtt://host:port.", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" };
            var creds = new Option<string?>("--credentials") { Description = "Monitor passwords, lines 'monitor-id password' (as for `cellvar serve`); default anonymous." };
            var cmd = new Command("rig", "Run K virtual monitors × N cells (the real device code on simulated packs) against an MQTT broker.");
            var shared = new RigFlags(cmd, defaultSpeed: 60, defaultDuration: "30m");
            var record = new Option<string?>("--record") { Description = "Write what each monitor measured as a rig log (`cellvar replay` reads it); K > 1 adds -m01, -m02, … before the extension." };
            var offline = new Option<bool>("--no-mqtt") { Description = "Run without a broker (e.g. only --record)." };
            foreach (Option o in new Option[] { broker, creds, record, offline }) cmd.Options.Add(o);
            cmd.SetAction(async (parse, ct) =>
            {
                var output = parse.InvocationConfiguration.Output;
                var err = parse.InvocationConfiguration.Error;
                RigOptions o;
                VirtualRig.Running.VirtualRig created;
                try
                {
                    Dictionary<string, string>? pw = null;
                    if (parse.GetValue(creds) is string cf)
                    {
                        pw = [];
                        foreach (string line in File.ReadLines(cf))
                        {
                            string[] p = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                            if (p.Length == 2 && !p[0].StartsWith('#')) pw[p[0]] = p[1];
                        }
                    }
                    o = shared.Build(parse, parse.GetValue(offline) ? null : BrokerAddress.Parse(parse.GetValue(broker)!), pw, parse.GetValue(record) != null);
                    created = new VirtualRig.Running.VirtualRig(o);
                }
                catch (Exception e) when (e is FormatException or ArgumentException or IOException)
                {
                    err.WriteLine("error: " + e.Message);
                    return 2;
                }
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
                await using var rig = created;
                output.WriteLine($"virtual rig: {o.Monitors} monitors × {o.Cells} cells, {o.Profile.Description}, {o.Duration_s:0} s simulated at " +
                                 (o.Speed > 0 ? $"{o.Speed:0.##}× real time" : "full speed") + (o.Broker != null ? $", broker {o.Broker}" : ", no MQTT"));
                if (o.Broker != null && !await rig.ConnectAsync(TimeSpan.FromSeconds(15), stop.Token))
                    err.WriteLine($"warning: not all monitors connected to {o.Broker} yet; they keep retrying with back-off and buffer alerts meanwhile");
                await rig.RunAsync(d => output.WriteLine($"[t={d.At_s,6:0} s] injected {d.Describe()}"), null, stop.Token);
                await rig.StopAsync(TimeSpan.FromSeconds(5));
                PrintReport(output, rig);
                if (parse.GetValue(record) is string path)
                    foreach (var m in rig.Monitors)
                    {
                        string file = o.Monitors == 1 ? path : Path.ChangeExtension(path, null) + $"-m{m.Options.Index:00}" + Path.GetExtension(path);
                        RigLogWriter.WriteFile(file, m.RecordedLog(), [$"recorded by: cellvar rig (monitor {m.Options.MonitorId}, seed {m.Options.Seed})",
                            "values are what the device measured through its ESP32-like ADC and calibration; positive current = discharge; blank = failed conversion",
                            .. o.Defects.Where(d => d.Monitor == m.Options.Index).Select(d => "truth: " + d.Describe())]);
                        output.WriteLine($"recorded {m.RecordedLog().RowCount} rows to {file}");
                    }
                return 0;
            });
            return cmd;
        }

        /// <summary>Prints detections, latencies, false alarms and link counters.</summary>
        internal static void PrintReport(TextWriter output, VirtualRig.Running.VirtualRig rig)
        {
            var report = DefectReport.Evaluate(rig.Truth, rig.Alerts());
            output.WriteLine($"--- result after {rig.Now_s:0} s simulated ---");
            foreach (var d in report.Outcomes)
                output.WriteLine(d.DetectedAt_s is double t
                    ? $"DETECTED  {d.Defect.Describe()}: {d.Kind} at {t:0} s ({d.Latency_s:0} s after injection)"
                    : $"MISSED    {d.Defect.Describe()}" + (d.Defect.At_s > rig.Now_s ? " (not injected yet)"
                        : rig.Now_s < rig.Options.Duration_s ? $" (run stopped {rig.Now_s - d.Defect.At_s:0} s after injection)" : ""));
            foreach (var a in report.FalseAlarms)
                output.WriteLine($"FALSE ALARM m{a.Monitor:00} cell {a.Cell?.ToString(CultureInfo.InvariantCulture) ?? "pack"}: {a.Kind} at {a.Time_s:0} s");
            if (report.FalseAlarms.Count == 0) output.WriteLine("no false alarms");
            foreach (var m in rig.Monitors.Where(m => m.Mqtt != null))
            {
                var s = m.Mqtt!.Statistics;
                output.WriteLine($"{m.Options.MonitorId}: connects {s.Connects}, alerts/state acked {s.Acknowledged}, resent {s.Resent}, outbox dropped {s.OutboxDropped}, " +
                                 $"publish failures (sequence gaps) {m.Link.PublishFailures}, device alert queue dropped {m.Device.Alerts.DroppedCount}");
            }
        }
    }

    /// <summary>Options shared by <c>cellvar rig</c> and <c>cellvar demo</c>.</summary>
    internal sealed class RigFlags
    {
        private readonly Option<int> _monitors, _cells, _seed;
        private readonly Option<string?> _scenario, _profile, _population;
        private readonly Option<string[]> _weld, _hot, _sensor;
        private readonly Option<double?> _speed;
        private readonly Option<double> _glitch;
        private readonly Option<string?> _duration;
        private readonly double _defaultSpeed;
        private readonly string _defaultDuration;

        public RigFlags(Command cmd, double defaultSpeed, string defaultDuration)
        {
            _defaultSpeed = defaultSpeed;
            _defaultDuration = defaultDuration;
            _monitors = new Option<int>("--monitors") { Description = "Number of virtual monitors (packs).", DefaultValueFactory = _ => 3 };
            _cells = new Option<int>("--cells") { Description = "Series cells per pack (3..32).", DefaultValueFactory = _ => 8 };
            _seed = new Option<int>("--seed") { Description = "Seed of cell scatter, ADC errors and noise.", DefaultValueFactory = _ => 1 };
            _scenario = new Option<string?>("--scenario") { Description = "Scenario JSON (monitors, cells, seed, duration, profile, defects); flags override it." };
            _profile = new Option<string?>("--profile") { Description = "drive (default) | constant:A | pulses:HIGH,LOW,PERIOD_S,DUTY | FILE.csv (time_s,current_A)." };
            _weld = new Option<string[]>("--weld") { Description = "Weld going bad: [mK:]CELL@T[~RAMP_S][=MOHM], e.g. 3@300 or m2:5@600~300=8.", AllowMultipleArgumentsPerToken = false };
            _hot = new Option<string[]>("--hot") { Description = "Hot cell: [mK:]CELL@T[~RAMP_S][=WATT]." };
            _sensor = new Option<string[]>("--sensor-fault") { Description = "Open voltage sense wire: [mK:]CELL@T." };
            _glitch = new Option<double>("--adc-glitch") { Description = "Probability that one ADC conversion returns a random count or fails (0..0.1; default 0)." };
            _population = new Option<string?>("--population") { Description = "Draw every cell's tab weld from this population spec (hierarchical, heavy-tailed; e.g. src/HostTools/examples/population.json)." };
            _speed = new Option<double?>("--speed") { Description = $"Simulated seconds per real second (0 = as fast as possible; default {defaultSpeed})." };
            _duration = new Option<string?>("--duration") { Description = $"Simulated duration, e.g. 1500, 25m, 1h (default {defaultDuration})." };
            foreach (Option o in new Option[] { _monitors, _cells, _seed, _scenario, _profile, _weld, _hot, _sensor, _speed, _duration, _population, _glitch }) cmd.Options.Add(o);
        }

        /// <summary>Changes the default of --monitors.</summary>
        public void Monitors(int defaultCount) => _monitors.DefaultValueFactory = _ => defaultCount;

        /// <summary>True when the user gave any defect (flag or scenario).</summary>
        public bool HasDefects(ParseResult p) => p.GetValue(_scenario) != null || (p.GetValue(_weld)?.Length ?? 0) + (p.GetValue(_hot)?.Length ?? 0) + (p.GetValue(_sensor)?.Length ?? 0) > 0;

        public RigOptions Build(ParseResult p, BrokerAddress? broker, IReadOnlyDictionary<string, string>? passwords, bool record, IReadOnlyList<InjectedDefect>? defaultDefects = null)
        {
            RigScenarioFile? sc = p.GetValue(_scenario) is string f ? RigScenarioFile.Load(f) : null;
            var defects = new List<InjectedDefect>(sc?.Defects ?? []);
            foreach (string w in p.GetValue(_weld) ?? []) defects.Add(DefectFlag.Parse(w, DefectKind.Weld));
            foreach (string h in p.GetValue(_hot) ?? []) defects.Add(DefectFlag.Parse(h, DefectKind.HotCell));
            foreach (string s in p.GetValue(_sensor) ?? []) defects.Add(DefectFlag.Parse(s, DefectKind.SensorFault));
            if (defects.Count == 0 && defaultDefects != null) defects.AddRange(defaultDefects);
            bool given(Option o) => p.GetResult(o) is { Implicit: false };
            double glitch = p.GetValue(_glitch);
            if (!(glitch >= 0 && glitch <= 0.1)) throw new FormatException($"--adc-glitch {glitch}: must be in 0..0.1");
            int seed = given(_seed) || sc?.Seed == null ? p.GetValue(_seed) : sc.Seed.Value;
            PopulationWelds? welds = null;
            if (p.GetValue(_population) is string spec)
            {
                try { welds = new PopulationWelds(CellVar.Bms.Population.Spec.PopulationSpecReader.ReadFile(spec), seed, spec); }
                catch (CellVar.Bms.Population.Spec.SpecException e) { throw new FormatException(e.Message); }
            }
            return new RigOptions
            {
                Monitors = given(_monitors) || sc?.Monitors == null ? p.GetValue(_monitors) : sc.Monitors.Value,
                Cells = given(_cells) || sc?.Cells == null ? p.GetValue(_cells) : sc.Cells.Value,
                Seed = seed,
                Adc = new VirtualRig.Adc.AdcModelOptions { GlitchProbability = glitch },
                Welds = welds,
                Duration_s = p.GetValue(_duration) is string d ? ParseDuration(d) : sc?.Duration_s ?? ParseDuration(_defaultDuration),
                Speed = p.GetValue(_speed) ?? _defaultSpeed,
                Profile = p.GetValue(_profile) is string pr ? ParseProfile(pr) : sc?.Profile ?? LoadProfile.Drive(),
                Defects = defects,
                Broker = broker,
                Passwords = passwords,
                Record = record,
            };
        }

        internal static double ParseDuration(string s)
        {
            string t = s.Trim();
            double unit = t.EndsWith('h') ? 3600 : t.EndsWith('m') ? 60 : 1;
            if (t.EndsWith('h') || t.EndsWith('m') || t.EndsWith('s')) t = t[..^1];
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v > 0) || double.IsInfinity(v))
                throw new FormatException($"--duration '{s}': expected a positive number of seconds, optionally with s, m or h");
            return v * unit;
        }

        private static LoadProfile ParseProfile(string s)
        {
            if (s == "drive") return LoadProfile.Drive();
            if (s.StartsWith("constant:", StringComparison.Ordinal))
                return LoadProfile.Constant(Num(s[9..], s));
            if (s.StartsWith("pulses:", StringComparison.Ordinal))
            {
                string[] f = s[7..].Split(',');
                if (f.Length != 4) throw new FormatException($"--profile '{s}': pulses needs HIGH,LOW,PERIOD_S,DUTY");
                return LoadProfile.Pulses(Num(f[0], s), Num(f[1], s), Num(f[2], s), Num(f[3], s));
            }
            return LoadProfile.FromFile(s);
        }

        private static double Num(string v, string s) =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) ? x : throw new FormatException($"--profile '{s}': '{v}' is not a number");
    }
}
