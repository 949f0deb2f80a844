using System;
using CellVar.Bms.Dfn.Numerics;
using CellVar.Bms.Dfn.Physics;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

[assembly: CellModel(typeof(CellVar.Bms.Dfn.DfnModel))]

namespace CellVar.Bms.Dfn
{
    /// <summary>
    /// Doyle–Fuller–Newman (pseudo-two-dimensional) model with PyBaMM's equations and finite-volume choices:
    /// electrolyte concentration and potential across negative electrode, separator and positive electrode, Fickian
    /// diffusion in a particle at every electrode node, symmetric Butler–Volmer kinetics, Bruggeman transport,
    /// Nyman2008 electrolyte, contact resistance. Stateless and thread-safe; registered as "dfn".
    /// </summary>
    public sealed class DfnModel : ICellModel
    {
        /// <summary>The default mesh (20 cells per domain and particle) and tolerances (rtol 1e-4, atol 1e-6).</summary>
        public DfnModel() : this(DfnMeshOptions.Default, DfnSolverOptions.Default) { }

        /// <summary>A model with the given mesh and solver options.</summary>
        /// <exception cref="DfnInputException">A mesh count or option is outside its range.</exception>
        public DfnModel(DfnMeshOptions mesh, DfnSolverOptions solver)
        {
            ArgumentNullException.ThrowIfNull(mesh);
            ArgumentNullException.ThrowIfNull(solver);
            mesh.Validate();
            solver.Validate();
            Mesh = mesh;
            Solver = solver;
        }

        /// <summary>The finite-volume mesh.</summary>
        public DfnMeshOptions Mesh { get; }

        /// <summary>The integrator tolerances and step limits.</summary>
        public DfnSolverOptions Solver { get; }

        /// <inheritdoc />
        public string Name => "dfn";

        /// <inheritdoc />
        public string Description => "Doyle-Fuller-Newman (P2D) model, PyBaMM DFN equations and mesh, adaptive BDF with banded Newton";

        /// <inheritdoc />
        public ICellStepper CreateStepper(CellParameters parameters, double initialSoc) =>
            new DfnStepper(parameters, initialSoc, Mesh, Solver);

        /// <summary>
        /// Simulates the profile with the adaptive integrator (steps chosen by the error test, at most
        /// min(<see cref="SimulationOptions.TimeStep_s"/>, <see cref="DfnSolverOptions.MaxStep_s"/>)); cut-offs are
        /// located to 0.1 µV. Outputs between steps are interpolated.
        /// </summary>
        /// <exception cref="ParameterException">A parameter is outside its physical range.</exception>
        /// <exception cref="DfnSolverException">The integrator failed; the message names the cause and the time reached.</exception>
        public SimulationResult Simulate(CellParameters parameters, CurrentProfile profile, SimulationOptions options)
        {
            ArgumentNullException.ThrowIfNull(profile);
            ArgumentNullException.ThrowIfNull(options);
            var props = DfnParameterMapping.FromModel(parameters, options.InitialSoc);
            props.Validate();
            var solver = options.TimeStep_s > 0 && options.TimeStep_s < Solver.MaxStep_s
                ? Solver with { MaxStep_s = Math.Max(options.TimeStep_s, Solver.InitialStep_s) }
                : Solver;
            var sys = new DfnSystem(props, Mesh);
            var integrator = new DfnIntegrator(sys, props, solver);
            int nSeg = profile.SegmentCount;
            var ends = new double[nSeg];
            var currents = new double[nSeg];
            for (int k = 0; k < nSeg; k++) { ends[k] = profile.Time_s[k + 1]; currents[k] = profile.Current_A[k]; }
            double[]? outputs = null;
            if (options.OutputTimes_s != null)
            {
                outputs = new double[options.OutputTimes_s.Count];
                for (int k = 0; k < outputs.Length; k++) outputs[k] = options.OutputTimes_s[k];
                Array.Sort(outputs);
            }
            var y = sys.InitialState();
            var rows = options.RecordInternals ? new System.Collections.Generic.List<double[]>() : null;
            var run = integrator.Run(y, profile.StartTime_s, ends, currents, outputs, options.RecordTrace, options.StopAtVoltageCutoffs,
                internals: rows);

            // A run that stops early ends with the stopping point, as the other models' traces do.
            int n = run.Time_s.Count;
            bool addEnd = run.Termination != TerminationReason.ProfileCompleted && (n == 0 || run.Time_s[n - 1] < run.EndTime_s - 1e-9);
            int m = n + (addEnd ? 1 : 0);
            var t = new double[m]; var i = new double[m]; var v = new double[m]; var soc = new double[m];
            for (int k = 0; k < n; k++) { t[k] = run.Time_s[k]; i[k] = run.Current_A[k]; v[k] = run.Voltage_V[k]; }
            if (addEnd)
            {
                t[n] = run.EndTime_s; v[n] = run.EndVoltage_V; i[n] = CurrentAt(profile, run.EndTime_s);
                if (rows != null)
                {
                    var last = new double[DfnSystem.InternalNames.Count];
                    sys.ReadInternals(y, last);
                    rows.Add(last);
                }
            }
            var soh = ElectrodeSoh.Compute(parameters);
            for (int k = 0; k < m; k++)
                soc[k] = options.InitialSoc - ChargeUntil(profile, t[k]) / 3600.0 / soh.Capacity_Ah;
            var names = rows != null ? DfnSystem.InternalNames : Array.Empty<string>();
            var columns = new double[names.Count][];
            for (int j = 0; j < columns.Length; j++)
            {
                columns[j] = new double[m];
                for (int r = 0; r < m; r++) columns[j][r] = rows![r][j];
            }
            return new SimulationResult(Name, t, i, v, soc, names, columns, run.Termination,
                run.EndTime_s, run.Message, ChargeUntil(profile, run.EndTime_s) / 3600.0);
        }

        private static double CurrentAt(CurrentProfile p, double t)
        {
            for (int k = 0; k < p.SegmentCount; k++)
                if (t <= p.Time_s[k + 1]) return p.Current_A[k];
            return p.Current_A[p.SegmentCount - 1];
        }

        // ∫ I dt from the start to t [A s]. Lithium is conserved by the discretisation, so this equals the change in the
        // particles' lithium and gives the SOC without reading the state at interpolated output times.
        private static double ChargeUntil(CurrentProfile p, double t)
        {
            double q = 0;
            for (int k = 0; k < p.SegmentCount; k++)
            {
                double a = p.Time_s[k], b = Math.Min(p.Time_s[k + 1], t);
                if (b <= a) break;
                q += p.Current_A[k] * (b - a);
            }
            return q;
        }
    }
}
