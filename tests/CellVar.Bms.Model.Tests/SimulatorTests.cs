using System.Linq;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;
using CellVar.Bms.Model.Spme;

namespace CellVar.Bms.Model.Tests
{
    public sealed class SimulatorTests
    {
        [Fact]
        public void Output_times_are_honoured_even_unsorted_duplicated_or_out_of_range()
        {
            var r = new SpmeModel().Simulate(ParameterSets.Chen2020, CurrentProfile.Constant(1.0, 100),
                new SimulationOptions { InitialSoc = 0.5, TimeStep_s = 7, OutputTimes_s = new[] { 50.0, 0.0, 13.5, 50.0, 250.0, 100.0 } });
            Assert.Equal(new[] { 0.0, 13.5, 50.0, 100.0 }, r.Time_s.Select(t => System.Math.Round(t, 9)));
            Assert.Equal(TerminationReason.ProfileCompleted, r.Termination);
        }

        [Fact]
        public void Breakpoint_points_carry_the_current_that_produced_them()
        {
            var r = new SpmeModel().Simulate(ParameterSets.Chen2020, CurrentProfile.Steps((10, 0.0), (10, 5.0)),
                new SimulationOptions { InitialSoc = 0.5, TimeStep_s = 5 });
            Assert.Equal(new[] { 0.0, 5, 10, 15, 20 }, r.Time_s);
            // t = 10 closes the rest segment (left limit), so it still shows 0 A and the rest voltage.
            Assert.Equal(new[] { 0.0, 0, 0, 5, 5 }, r.Current_A);
            Assert.Equal(r.Voltage_V[0], r.Voltage_V[2], 12);
        }

        [Fact]
        public void Rejects_a_non_positive_step()
        {
            Assert.Throws<System.ArgumentException>(() => new SpmeModel().Simulate(ParameterSets.Chen2020, CurrentProfile.Constant(1, 10),
                new SimulationOptions { TimeStep_s = 0 }));
        }

        [Fact]
        public void Rejects_an_initial_soc_outside_0_1()
        {
            Assert.Throws<System.ArgumentOutOfRangeException>(() => new SpmeStepper(ParameterSets.Chen2020, 1.2));
        }

        [Fact]
        public void Save_and_restore_reproduce_the_trajectory_exactly()
        {
            var a = new SpmeStepper(ParameterSets.Chen2020, 0.7);
            a.Step(5, 30);
            var state = new double[a.StateSize];
            a.SaveState(state);
            a.Step(5, 30);
            double v = a.Voltage_V;
            a.RestoreState(state);
            a.Step(5, 30);
            Assert.Equal(v, a.Voltage_V);
        }
    }
}
