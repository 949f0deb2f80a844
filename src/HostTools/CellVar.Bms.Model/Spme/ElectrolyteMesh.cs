using System;
using CellVar.Bms.Model.Parameters;

namespace CellVar.Bms.Model.Spme
{
    /// <summary>
    /// PyBaMM's default through-cell mesh: three uniform sub-meshes (negative, separator, positive) concatenated, nodes at
    /// cell centres. Carries per-cell porosity and Bruggeman transport efficiency ε^b.
    /// </summary>
    public sealed class ElectrolyteMesh
    {
        /// <summary>Builds the mesh with <paramref name="cellsPerDomain"/> cells in each of n, s and p.</summary>
        public ElectrolyteMesh(CellParameters p, int cellsPerDomain = 20)
        {
            if (cellsPerDomain < 2) throw new ArgumentOutOfRangeException(nameof(cellsPerDomain), "At least two cells per domain are needed.");
            PerDomain = cellsPerDomain;
            int n = 3 * cellsPerDomain;
            Width_m = new double[n];
            Centre_m = new double[n];
            Porosity = new double[n];
            TransportEfficiency = new double[n];
            double[] l = { p.NegativeElectrodeThickness_m, p.SeparatorThickness_m, p.PositiveElectrodeThickness_m };
            double[] eps = { p.NegativePorosity, p.SeparatorPorosity, p.PositivePorosity };
            double[] brug = { p.NegativeBruggeman, p.SeparatorBruggeman, p.PositiveBruggeman };
            double x0 = 0;
            for (int d = 0; d < 3; d++)
            {
                double h = l[d] / cellsPerDomain;
                double b = Math.Pow(eps[d], brug[d]);
                for (int j = 0; j < cellsPerDomain; j++)
                {
                    int i = d * cellsPerDomain + j;
                    Width_m[i] = h;
                    Centre_m[i] = x0 + (j + 0.5) * h;
                    Porosity[i] = eps[d];
                    TransportEfficiency[i] = b;
                }
                x0 += l[d];
            }
            Length_m = x0;

            EdgeWeight = new double[n - 1];
            EdgeDistance_m = new double[n - 1];
            for (int i = 0; i + 1 < n; i++)
            {
                EdgeWeight[i] = Width_m[i] / (Width_m[i] + Width_m[i + 1]);
                EdgeDistance_m[i] = Centre_m[i + 1] - Centre_m[i];
            }
            // Source per unit current density, (S − t₊ ∂i_e/∂x)/F: nodal i_e (linear in n and p) meets the edges as an arithmetic
            // mean at interior edges and is zero at both outer edges (its linear extrapolation there is exact).
            double ln = l[0], lp = l[2], lx = x0, tplus = p.CationTransferenceNumber;
            int m = cellsPerDomain;
            var ieNode = new double[n];
            for (int i = 0; i < n; i++)
                ieNode[i] = i < m ? Centre_m[i] / ln : i < 2 * m ? 1.0 : (lx - Centre_m[i]) / lp;
            Source = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = i < m ? 1.0 / ln : i < 2 * m ? 0.0 : -1.0 / lp;
                double ieR = i + 1 < n ? 0.5 * (ieNode[i] + ieNode[i + 1]) : 0.0;
                double ieL = i > 0 ? 0.5 * (ieNode[i - 1] + ieNode[i]) : 0.0;
                Source[i] = (s - tplus * (ieR - ieL) / Width_m[i]) / PhysicalConstants.Faraday_C_mol;
            }
        }

        /// <summary>
        /// Edge conductance k_{i+½} = D̂/(x_{i+1} − x_i) for the edge between cells i and i+1, where D̂ is the width-weighted
        /// harmonic mean of the nodal effective diffusivities (PyBaMM's choice for a coefficient times a bare gradient).
        /// </summary>
        public double EdgeConductance(int edge, double effectiveDiffusivityLeft, double effectiveDiffusivityRight)
        {
            double beta = EdgeWeight[edge];
            return 1.0 / (beta / effectiveDiffusivityLeft + (1 - beta) / effectiveDiffusivityRight) / EdgeDistance_m[edge];
        }

        /// <summary>Cells per domain.</summary>
        public int PerDomain { get; }
        /// <summary>Total number of cells (3 × <see cref="PerDomain"/>).</summary>
        public int Count => Width_m.Length;
        /// <summary>Cell widths Δx_i [m].</summary>
        public double[] Width_m { get; }
        /// <summary>Cell centres x_i [m].</summary>
        public double[] Centre_m { get; }
        /// <summary>Porosity ε_i.</summary>
        public double[] Porosity { get; }
        /// <summary>Bruggeman transport efficiency ε_i^b.</summary>
        public double[] TransportEfficiency { get; }
        /// <summary>β_{i+½} = Δx_i/(Δx_i + Δx_{i+1}) of each interior edge.</summary>
        public double[] EdgeWeight { get; }
        /// <summary>Distance between the centres either side of each interior edge [m].</summary>
        public double[] EdgeDistance_m { get; }
        /// <summary>
        /// Electrolyte source per unit applied current density, q_i [mol m⁻³ s⁻¹ per A m⁻²], so that
        /// ε_i dc_i/dt = (K c)_i + q_i·i: uniform reaction sources ±i/L_k plus the divergence of the migration flux t₊i_e/F.
        /// </summary>
        public double[] Source { get; }
        /// <summary>Cell thickness L_x = L_n + L_s + L_p [m].</summary>
        public double Length_m { get; }
    }
}
