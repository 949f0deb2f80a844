using System;
using System.Linq;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;
using CellVar.Bms.Model.Spme;

namespace CellVar.Bms.Model.Tests
{
    public sealed class SpmeBehaviourTests
    {
        private static SimulationResult Run(CellParameters p, CurrentProfile profile, double soc, double dt = 1.0, bool trace = true) =>
            new SpmeModel().Simulate(p, profile, new SimulationOptions { InitialSoc = soc, TimeStep_s = dt, RecordTrace = trace });

        [Theory]
        // Independent numpy SPMe check values (pybamm-models.md §6), 1C from SOC 0.75: V(t) and t(2.5 V).
        [InlineData(0.0, 3.8724)]
        [InlineData(10.0, 3.8470)]
        [InlineData(60.0, 3.7937)]
        [InlineData(300.0, 3.6857)]
        [InlineData(1200.0, 3.4667)]
        [InlineData(2400.0, 3.0149)]
        public void One_C_discharge_matches_independent_check_values(double t, double expected)
        {
            var r = new SpmeModel().Simulate(ParameterSets.Chen2020, CurrentProfile.Constant(5.0, 3600),
                new SimulationOptions { InitialSoc = 0.75, TimeStep_s = 1.0, OutputTimes_s = new[] { t } });
            int i = Array.IndexOf(r.Time_s, t);
            Assert.True(i >= 0);
            // The check values are given to 0.1 mV; 1 mV covers their rounding and our 1 s step.
            Assert.Equal(expected, r.Voltage_V[i], 0.001);
        }

        [Fact]
        public void One_C_discharge_stops_at_the_lower_cutoff_at_the_reference_time()
        {
            var r = Run(ParameterSets.Chen2020, CurrentProfile.Constant(5.0, 3600), 0.75);
            Assert.Equal(TerminationReason.LowerVoltageCutoff, r.Termination);
            // Check value t(2.5 V) = 2667.0 s (§6); 2 s allows for the 0.1 s rounding and the slope of V near cut-off.
            Assert.Equal(2667.0, r.TerminationTime_s, 2.0);
            // The crossing is located to 10 µV or 1 ms (≈ 10 µV at this slope); 1 mV leaves ample room.
            Assert.Equal(2.5, r.Voltage_V[^1], 0.001);
            Assert.True(r.Voltage_V[^1] >= 2.5, "the last recorded state is the last admissible one");
            Assert.All(r.Voltage_V, v => Assert.True(double.IsFinite(v)));
            Assert.Contains("lower cut-off", r.TerminationMessage);
        }

        [Fact]
        public void Charging_past_full_stops_at_the_upper_cutoff()
        {
            var r = Run(ParameterSets.Chen2020, CurrentProfile.Constant(-2.5, 7200), 0.6);
            Assert.Equal(TerminationReason.UpperVoltageCutoff, r.Termination);
            Assert.True(r.TerminationTime_s > 0);
            // The bisection leaves the last admissible state within 1 ms of the crossing.
            Assert.Equal(4.2, r.Voltage_V[^1], 0.001);
        }

        [Fact]
        public void A_current_step_beyond_the_cutoff_terminates_immediately_and_says_so()
        {
            // At SOC 0.9 a 1C charge lifts the terminal voltage above 4.2 V at once.
            var r = Run(ParameterSets.Chen2020, CurrentProfile.Constant(-5.0, 3600), 0.9);
            Assert.Equal(TerminationReason.UpperVoltageCutoff, r.Termination);
            Assert.Equal(0.0, r.TerminationTime_s);
            Assert.True(r.Voltage_V[^1] > 4.2);
            Assert.Contains("upper cut-off", r.TerminationMessage);
        }

        [Fact]
        public void Without_cutoffs_an_overdischarge_ends_at_a_physical_limit_without_NaN()
        {
            var r = new SpmeModel().Simulate(ParameterSets.Chen2020, CurrentProfile.Constant(5.0, 7200),
                new SimulationOptions { InitialSoc = 0.2, StopAtVoltageCutoffs = false });
            Assert.Equal(TerminationReason.StoichiometryLimit, r.Termination);
            Assert.All(r.Voltage_V, v => Assert.True(double.IsFinite(v)));
        }

        [Fact]
        public void Rest_keeps_the_eSOH_open_circuit_voltage_and_charge_is_conserved()
        {
            var p = ParameterSets.Chen2020;
            var r = Run(p, CurrentProfile.Steps((1000, 5.0), (3600, 0.0)), 0.8, dt: 10);
            var soh = ElectrodeSoh.Compute(p);
            double socEnd = 0.8 - 5.0 * 1000 / 3600 / soh.Capacity_Ah;
            // Mass conservation of the modal particle: SOC from the average stoichiometry equals coulomb counting (round-off only).
            Assert.Equal(socEnd, r.Soc[^1], 9);
            // After an hour of rest the voltage relaxes to the OCV of the bulk state; the 2 mV allows for the slow positive
            // particle (τ ≈ 200 s first moment, but its slowest mode is R²/(π²D) ≈ 690 s, e^(-3600/690) ≈ 0.5 %).
            Assert.Equal(soh.OpenCircuitVoltage_V(socEnd), r.Voltage_V[^1], 0.002);
        }

        [Fact]
        public void Large_step_stays_close_to_small_step()
        {
            var small = Run(ParameterSets.Chen2020, CurrentProfile.Constant(5.0, 2000), 0.9, dt: 1);
            var large = Run(ParameterSets.Chen2020, CurrentProfile.Constant(5.0, 2000), 0.9, dt: 10);
            double maxDiff = 0;
            for (int i = 0; i < large.Count; i++)
            {
                int j = Array.IndexOf(small.Time_s, large.Time_s[i]);
                maxDiff = Math.Max(maxDiff, Math.Abs(small.Voltage_V[j] - large.Voltage_V[i]));
            }
            // Particles are exact at any step; only the electrolyte (2nd-order TR-BDF2) sees the step. 2 mV is the budget for
            // population runs at 10 s.
            Assert.True(maxDiff < 0.002, $"max diff {maxDiff * 1e3:F3} mV");
        }

        [Fact]
        public void Contact_resistance_adds_an_ohmic_drop()
        {
            var p0 = ParameterSets.Chen2020;
            var p1 = p0 with { ContactResistance_Ohm = 0.01 };
            var a = Run(p0, CurrentProfile.Constant(5.0, 100), 0.5);
            var b = Run(p1, CurrentProfile.Constant(5.0, 100), 0.5);
            Assert.Equal(a.Voltage_V[^1] - 0.05, b.Voltage_V[^1], 1e-9);
        }

        [Fact]
        public void Thicker_separator_adds_its_resistance_linearly()
        {
            // Separator electrolyte resistance L_s/(κ ε^b A): doubling L_s adds exactly one more such term at t = 0.
            var p = ParameterSets.Chen2020;
            double v1 = new SpmeStepper(p, 0.5).Also(s => s.SetCurrent(5.0)).Voltage_V;
            double v2 = new SpmeStepper(p with { SeparatorThickness_m = 24e-6 }, 0.5).Also(s => s.SetCurrent(5.0)).Voltage_V;
            double kappa = Nyman2008Electrolyte.Conductivity_S_m(1000) * Math.Pow(0.47, 1.5);
            Assert.Equal(5.0 * 12e-6 / (kappa * p.ElectrodeArea_m2), v1 - v2, 1e-9);
        }

        [Fact]
        public void Records_only_endpoints_when_trace_is_off()
        {
            var r = Run(ParameterSets.Chen2020, CurrentProfile.Constant(5.0, 600), 0.5, dt: 10, trace: false);
            Assert.Equal(2, r.Count);
            Assert.Equal(600, r.Time_s[^1], 9);
            Assert.Equal(5.0 * 600 / 3600, r.DischargedCharge_Ah, 9);
        }

        [Fact]
        public void Internals_are_recorded_and_consistent()
        {
            var r = Run(ParameterSets.Chen2020, CurrentProfile.Constant(5.0, 60), 0.5);
            int last = r.Count - 1;
            double sum = r.Internal("SurfaceOpenCircuitVoltage_V")[last] + r.Internal("PositiveReactionOverpotential_V")[last]
                - r.Internal("NegativeReactionOverpotential_V")[last] + r.Internal("ElectrolyteConcentrationOverpotential_V")[last]
                + r.Internal("ElectrolyteOhmicLoss_V")[last] + r.Internal("SolidOhmicLoss_V")[last] + r.Internal("ContactLoss_V")[last];
            Assert.Equal(r.Voltage_V[last], sum, 12);
            Assert.True(r.Internal("HeatGeneration_W")[last] > 0);
            Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => r.Internal("Nope"));
        }
    }

    internal static class TestExtensions
    {
        public static T Also<T>(this T value, Action<T> action)
        {
            action(value);
            return value;
        }
    }
}
