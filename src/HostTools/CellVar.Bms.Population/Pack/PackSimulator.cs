using System;
using System.Threading.Tasks;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Simulation;
using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.Physics;
using CellVar.Bms.Population.Sampling;

namespace CellVar.Bms.Population.Pack
{
    /// <summary>
    /// Constant-current discharge of an Ns×Np pack of sampled cells. Each step, every cell is linearised around its
    /// last current (V ≈ e − ρ·I, ρ from a numerical derivative), the parallel groups are solved exactly for that
    /// linear network (branch = cell + weld), the cells advance, and a lumped thermal model per cell integrates
    /// C·dT/dt = I·(OCV − V) + I²·R_weld − (T − T_amb)/R_th exactly over the step. Stops when any cell reaches its cut-off.
    /// Works with any registry cell model through <see cref="ICellStepper"/> (default the fast "spm-fast" cell).
    /// </summary>
    public sealed class PackSimulator
    {
        private readonly PackSpec _spec;
        private readonly ICellModel _model;
        private readonly ICellStepper[] _cells;
        private readonly CellParameters[] _params;
        private readonly double[] _weld, _cutoff;
        private readonly double _nominal_Ah;

        /// <summary>Samples the pack's cells and welds from <paramref name="seed"/>; <paramref name="model"/> names a registry cell model.</summary>
        public PackSimulator(PackSpec spec, long seed, string model = ReducedSpmModel.RegistryName)
        {
            _spec = spec;
            ReducedSpmModel.EnsureRegistered();
            _model = CellModelRegistry.Create(model);
            int n = spec.Series * spec.Parallel;
            var sampler = new PopulationSampler(spec.Population, seed, SamplingMethod.Plain, n);
            var baseSet = ParameterSets.Get(spec.Population.ParameterSet);
            _cells = new ICellStepper[n]; _params = new CellParameters[n]; _weld = new double[n]; _cutoff = new double[n];
            double nominal = 0;
            for (int i = 0; i < n; i++)
            {
                CellParameters p = baseSet;
                int attempt = 0;
                while (true)
                {
                    // Physically inconsistent draws (porosity + active fraction > 1) are redrawn from a further index, deterministically.
                    var s = sampler.Sample(i + attempt * n);
                    p = baseSet;
                    for (int v = 0; v < spec.Population.Variables.Count; v++) p = spec.Population.Variables[v].Parameter.Definition.With(p, s.Values[v]);
                    if (p.FindProblems().Count == 0) break;
                    if (++attempt > 100) throw new InvalidOperationException($"cell {i}: 100 consecutive physically inconsistent draws; check the population spec");
                }
                _params[i] = p;
                _cells[i] = _model.CreateStepper(p, 1.0);
                _cutoff[i] = p.LowerCutoffVoltage_V;
                nominal += p.NominalCapacity_Ah;
                var rng = StreamRng.Create(seed, StreamRng.Purpose.Pack, i);
                _weld[i] = spec.Weld == null ? 0 : Math.Max(0, spec.Weld.FromLatent(LatentMath.StandardNormal(rng), rng));
            }
            _nominal_Ah = nominal / n;
        }

        /// <summary>Number of cells.</summary>
        public int CellCount => _cells.Length;

        /// <summary>Steps between refreshes of each cell's linearisation slope.</summary>
        public const int RefreshSteps = 6;

        /// <summary>Discharges at the spec's C-rate until the first cell cut-off; <paramref name="parallelism"/> threads over groups.</summary>
        public PackResult Run(int parallelism = 1)
        {
            int ns = _spec.Series, np = _spec.Parallel, n = ns * np;
            double iPack = _spec.CRate * _nominal_Ah * np;
            double dt = _spec.TimeStep_s;
            var current = new double[n];
            var temp = new double[n];
            var rho = new double[n];
            for (int i = 0; i < n; i++) { current[i] = iPack / np; _cells[i].SetCurrent(current[i]); }
            long step = 0;
            double decay = Math.Exp(-dt / (_spec.HeatCapacity_J_K * _spec.ThermalResistance_K_W));
            double t = 0, maxImbalance = 0;
            long cellSteps = 0;
            int limiting = -1;
            var groupImbalance = new double[ns];
            var groupVoltage = new double[ns];
            double maxSocSpread = 0, minPackVoltage = double.MaxValue, interconnectEnergy_J = 0;
            // Parallel busbars are taken as equipotential (the weld in each branch carries the sharing); the Ns−1 interconnects
            // between groups carry the full pack current, so they lower the pack voltage and dissipate I²R outside the cells.
            double rInterconnect = _spec.Interconnect_Ohm * Math.Max(0, ns - 1);
            var groupLimit = new int[ns];
            var opts = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
            const double tMax = 48 * 3600; // guards the loop; a real discharge ends long before
            while (t < tMax && limiting < 0)
            {
                bool refresh = step++ % RefreshSteps == 0;
                Parallel.For(0, ns, opts, g =>
                {
                    int o = g * np;
                    double sumG = 0, sumEG = 0;
                    Span<double> e = stackalloc double[np];
                    Span<double> rTot = stackalloc double[np];
                    for (int k = 0; k < np; k++)
                    {
                        var c = _cells[o + k];
                        double i0 = current[o + k];
                        // The stepper's voltage is already at i0 (set by the last Step); the slope ρ = −dV/dI changes slowly, so it
                        // is refreshed every RefreshSteps steps only (one extra SetCurrent), which halves the cost on the SPMe.
                        double v0 = c.Voltage_V;
                        if (refresh)
                        {
                            double di = Math.Max(1e-3, 0.01 * Math.Abs(i0));
                            c.SetCurrent(i0 + di);
                            rho[o + k] = Math.Max((v0 - c.Voltage_V) / di, 1e-6);
                        }
                        e[k] = v0 + rho[o + k] * i0;
                        rTot[k] = rho[o + k] + _weld[o + k];
                        sumG += 1 / rTot[k]; sumEG += e[k] / rTot[k];
                    }
                    double vNode = (sumEG - iPack) / sumG;
                    groupVoltage[g] = vNode;
                    double mean = iPack / np, imb = 0;
                    groupLimit[g] = -1;
                    for (int k = 0; k < np; k++)
                    {
                        int i = o + k;
                        double ik = (e[k] - vNode) / rTot[k];
                        current[i] = ik;
                        imb = Math.Max(imb, Math.Abs(ik / mean - 1));
                        var c = _cells[i];
                        double ocv = c.OpenCircuitVoltage_V;
                        c.Step(ik, dt);
                        double v = c.Voltage_V;
                        double heat = ik * (ocv - v) + ik * ik * _weld[i];
                        double steady = heat * _spec.ThermalResistance_K_W;
                        temp[i] = steady + (temp[i] - steady) * decay;
                        if ((v <= _cutoff[i] || c.StateViolation != null) && groupLimit[g] < 0) groupLimit[g] = i;
                    }
                    groupImbalance[g] = imb;
                });
                cellSteps += n;
                t += dt;
                double vPack = -iPack * rInterconnect;
                for (int g = 0; g < ns; g++) vPack += groupVoltage[g];
                minPackVoltage = Math.Min(minPackVoltage, vPack);
                interconnectEnergy_J += iPack * iPack * rInterconnect * dt;
                if (refresh)
                {
                    double lo = double.MaxValue, hi = double.MinValue;
                    for (int i = 0; i < n; i++) { double sc = _cells[i].Soc; lo = Math.Min(lo, sc); hi = Math.Max(hi, sc); }
                    maxSocSpread = Math.Max(maxSocSpread, hi - lo);
                }
                for (int g = 0; g < ns; g++)
                {
                    maxImbalance = Math.Max(maxImbalance, groupImbalance[g]);
                    if (groupLimit[g] >= 0 && limiting < 0) limiting = groupLimit[g];
                }
            }
            var soc = new double[n];
            double socMin = double.MaxValue, socMax = double.MinValue, tMaxRise = 0, tMean = 0;
            for (int i = 0; i < n; i++)
            {
                soc[i] = _cells[i].Soc;
                socMin = Math.Min(socMin, soc[i]); socMax = Math.Max(socMax, soc[i]);
                tMaxRise = Math.Max(tMaxRise, temp[i]); tMean += temp[i] / n;
            }
            return new PackResult
            {
                UsableCapacity_Ah = iPack * t / 3600, MeanCellCapacityTimesNp_Ah = SingleCellCapacityTimesNp(iPack / np, dt) ,
                LimitingCell = limiting, Duration_s = t, SocSpreadEnd = socMax - socMin, MaxSocSpread = Math.Max(maxSocSpread, socMax - socMin),
                MinPackVoltage_V = minPackVoltage, InterconnectLoss_Wh = interconnectEnergy_J / 3600,
                MaxCurrentImbalance = maxImbalance, MaxTemperatureRise_K = tMaxRise, MeanTemperatureRise_K = tMean,
                CellSteps = cellSteps, TemperatureRise_K = temp, FinalSoc = soc, Weld_Ohm = (double[])_weld.Clone(),
            };
        }

        private double SingleCellCapacityTimesNp(double iCell, double dt)
        {
            // Each cell discharged alone at the mean per-cell current, averaged: the capacity a perfectly balanced pack would reach.
            double sum = 0;
            for (int i = 0; i < _cells.Length; i++)
            {
                var c = _model.CreateStepper(_params[i], 1.0);
                double t = 0;
                c.SetCurrent(iCell);
                while (t < 48 * 3600 && c.Voltage_V > _cutoff[i] && c.StateViolation == null) { c.Step(iCell, dt); t += dt; }
                sum += iCell * t / 3600;
            }
            return sum / _cells.Length * _spec.Parallel;
        }
    }
}
