using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Inference.Sensitivity
{
    /// <summary>
    /// A scalar output of a physical cell model (CellVar.Bms.Model) as a function of manufacturing parameters.
    /// Inputs are <see cref="CellParameters"/> names, plus NegativeTortuosity / SeparatorTortuosity / PositiveTortuosity,
    /// which set the region's Bruggeman exponent to b = 1 − ln τ / ln ε so that the transport efficiency is ε/τ.
    /// In an electrode, porosity above 1 − ε_s displaces active material (ε_s = 1 − ε), as in Chen2020 (no binder).
    /// </summary>
    public sealed class CellOutputModel : ISensitivityModel
    {
        private static readonly Dictionary<string, (string Porosity, string Bruggeman)> Tortuosities = new()
        {
            ["NegativeTortuosity"] = ("NegativePorosity", "NegativeBruggeman"),
            ["SeparatorTortuosity"] = ("SeparatorPorosity", "SeparatorBruggeman"),
            ["PositiveTortuosity"] = ("PositivePorosity", "PositiveBruggeman"),
        };

        private readonly ICellModel _model;
        private readonly CellParameters _nominal;
        private readonly string[] _inputs;
        private readonly string _output;
        private readonly double _cRate;
        private readonly double _soc;
        private readonly double _pulse_s;
        private readonly double _dt_s;

        /// <summary>Creates the model.</summary>
        /// <param name="modelName">Registered cell model (spme, ecm, …).</param>
        /// <param name="parameterSet">Nominal parameter set (chen2020).</param>
        /// <param name="inputs">Input names in spec order.</param>
        /// <param name="output">capacity (Ah to the lower cut-off at <paramref name="cRate"/> from SOC 1), pulse_resistance (mΩ, ΔV/I after a
        /// <paramref name="pulse_s"/> pulse at <paramref name="cRate"/> from <paramref name="soc"/>), or end_voltage (V at the end of that pulse).</param>
        /// <param name="cRate">Current in C.</param>
        /// <param name="soc">Starting SOC of the pulse.</param>
        /// <param name="pulse_s">Pulse length.</param>
        /// <param name="dt_s">Model time step.</param>
        public CellOutputModel(string modelName, string parameterSet, IReadOnlyList<string> inputs, string output, double cRate = 1, double soc = 0.5, double pulse_s = 10, double dt_s = 10)
        {
            try
            {
                _model = CellModelRegistry.Create(modelName);
                _nominal = ParameterSets.Get(parameterSet);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is ParameterException)
            {
                throw new InvalidInputException(ex.Message, "Use a registered model (" + string.Join(", ", CellModelRegistry.Names) + ") and a known parameter set.");
            }
            foreach (string name in inputs)
            {
                if (Tortuosities.ContainsKey(name)) continue;
                try
                {
                    _nominal.Get(name);
                }
                catch (ParameterException)
                {
                    throw new InvalidInputException($"Cell-model input '{name}' is not a cell parameter.",
                        "Use CellParameters names (`cellvar cell --list-params`) or NegativeTortuosity/SeparatorTortuosity/PositiveTortuosity.");
                }
            }
            if (output is not ("capacity" or "pulse_resistance" or "end_voltage"))
                throw new InvalidInputException($"Cell output '{output}' is unknown.", "Use capacity, pulse_resistance or end_voltage.");
            if (!(cRate > 0) || !(pulse_s > 0) || !(soc > 0 && soc <= 1) || !(dt_s > 0))
                throw new InvalidInputException("Cell output settings out of range (c_rate, pulse_s, dt_s must be > 0; soc in (0, 1]).", "Correct the model block of the spec.");
            _inputs = inputs.ToArray();
            _output = output;
            _cRate = cRate;
            _soc = soc;
            _pulse_s = pulse_s;
            _dt_s = dt_s;
        }

        /// <inheritdoc/>
        public string Description => $"cell {_model.Name} {_output} ({_cRate}C{(_output == "capacity" ? "" : $", {_pulse_s} s from SOC {_soc}")})";

        /// <summary>Nominal value of an input (for building specs around the nominal cell).</summary>
        public double Nominal(string name) => Tortuosities.TryGetValue(name, out var t)
            ? Math.Pow(_nominal.Get(t.Porosity), 1 - _nominal.Get(t.Bruggeman))
            : _nominal.Get(name);

        /// <inheritdoc/>
        public double Evaluate(ReadOnlySpan<double> x)
        {
            CellParameters p = _nominal;
            var taus = new List<(string, double)>();
            for (int i = 0; i < _inputs.Length; i++)
            {
                if (Tortuosities.ContainsKey(_inputs[i])) taus.Add((_inputs[i], x[i]));
                else p = p.With(_inputs[i], x[i]);
            }
            foreach (var (name, tau) in taus)
            {
                var (por, brug) = Tortuosities[name];
                double eps = p.Get(por);
                p = p.With(brug, 1 - Math.Log(tau) / Math.Log(eps));
            }
            if (p.NegativePorosity + p.NegativeActiveMaterialFraction > 1) p = p with { NegativeActiveMaterialFraction = 1 - p.NegativePorosity };
            if (p.PositivePorosity + p.PositiveActiveMaterialFraction > 1) p = p with { PositiveActiveMaterialFraction = 1 - p.PositivePorosity };
            double current = _cRate * _nominal.NominalCapacity_Ah;
            try
            {
                if (_output == "capacity")
                {
                    SimulationResult r = _model.Simulate(p, CurrentProfile.Constant(current, 3.0 * 3600 / _cRate), new SimulationOptions { InitialSoc = 1.0, TimeStep_s = _dt_s, RecordTrace = false, RecordInternals = false });
                    return r.DischargedCharge_Ah;
                }
                var opts = new SimulationOptions { InitialSoc = _soc, TimeStep_s = Math.Min(_dt_s, _pulse_s), OutputTimes_s = new[] { 0.0, _pulse_s }, RecordInternals = false };
                SimulationResult pr = _model.Simulate(p, CurrentProfile.Constant(current, _pulse_s), opts);
                if (pr.Termination != TerminationReason.ProfileCompleted) return double.NaN;
                double v0 = pr.Voltage_V[0], v1 = pr.Voltage_V[^1];
                return _output == "end_voltage" ? v1 : (v0 - v1) / current * 1000;
            }
            catch (ParameterException)
            {
                return double.NaN; // sampled outside the model's valid range; the analysis reports non-finite outputs clearly
            }
        }
    }
}
