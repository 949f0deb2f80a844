using System;

namespace CellVar.Bms.Dfn
{
    /// <summary>
    /// Finite-volume mesh of the DFN model. The default (20 cells in each of negative electrode, separator and positive
    /// electrode, 20 shells in every particle) is PyBaMM's default mesh, so results can be compared at the 1 mV level.
    /// </summary>
    public sealed record DfnMeshOptions
    {
        /// <summary>Smallest number of cells per domain or particle. Surface values are extrapolated linearly from the
        /// two outermost cells, and with fewer than 3 cells that extrapolation spans the whole domain; below this the
        /// model does not resolve the gradients it is meant to resolve.</summary>
        public const int MinimumCells = 3;

        /// <summary>Largest number of cells per domain or particle; beyond this the run time grows with no accuracy gain
        /// measurable against the 0.5 mV noise of reference data.</summary>
        public const int MaximumCells = 400;

        /// <summary>Cells across the negative electrode (default 20).</summary>
        public int NegativeCells { get; init; } = 20;

        /// <summary>Cells across the separator (default 20).</summary>
        public int SeparatorCells { get; init; } = 20;

        /// <summary>Cells across the positive electrode (default 20).</summary>
        public int PositiveCells { get; init; } = 20;

        /// <summary>Radial shells in each negative particle (default 20).</summary>
        public int NegativeParticleShells { get; init; } = 20;

        /// <summary>Radial shells in each positive particle (default 20).</summary>
        public int PositiveParticleShells { get; init; } = 20;

        /// <summary>The default mesh (PyBaMM's default_var_pts).</summary>
        public static DfnMeshOptions Default { get; } = new();

        /// <summary>This mesh with every cell count multiplied by <paramref name="factor"/> (halves cell sizes for 2).</summary>
        public DfnMeshOptions Refined(int factor) => new()
        {
            NegativeCells = NegativeCells * factor,
            SeparatorCells = SeparatorCells * factor,
            PositiveCells = PositiveCells * factor,
            NegativeParticleShells = NegativeParticleShells * factor,
            PositiveParticleShells = PositiveParticleShells * factor,
        };

        /// <summary>Throws <see cref="DfnInputException"/> naming the first count outside [3, 400].</summary>
        public void Validate()
        {
            Check(nameof(NegativeCells), NegativeCells);
            Check(nameof(SeparatorCells), SeparatorCells);
            Check(nameof(PositiveCells), PositiveCells);
            Check(nameof(NegativeParticleShells), NegativeParticleShells);
            Check(nameof(PositiveParticleShells), PositiveParticleShells);
        }

        private static void Check(string name, int value)
        {
            if (value < MinimumCells)
                throw new DfnInputException("mesh." + name,
                    $"{value} cells is too coarse to be meaningful; at least {MinimumCells} are needed to resolve a gradient and extrapolate a boundary value (default 20).");
            if (value > MaximumCells)
                throw new DfnInputException("mesh." + name, $"{value} cells exceeds the supported maximum of {MaximumCells}.");
        }
    }
}
