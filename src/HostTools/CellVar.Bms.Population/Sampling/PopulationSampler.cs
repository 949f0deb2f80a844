using System;
using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.Population.Sampling
{
    /// <summary>
    /// Samples cells from a <see cref="PopulationSpec"/>. For variable v the latent normal is
    /// z_v = √f_lot·z_lot + √f_module·z_module + √f_cell·z_cell with independent N(0,1) levels, so
    /// Var(z_v) = 1 and σ²_total = σ²_lot + σ²_module + σ²_cell exactly (in physical units for normal marginals,
    /// in ln-units for log-normal ones). Each level's vector is correlated with the same copula. Cell i depends only
    /// on (seed, i), so results are identical for any thread count.
    /// </summary>
    public sealed class PopulationSampler
    {
        private readonly PopulationSpec _spec;
        private readonly GaussianCopula _copula;
        private readonly long _seed;
        private readonly SobolSequence? _sobol;
        private readonly LatinHypercube? _lhs;
        private readonly double[] _sqL, _sqM, _sqC;

        /// <summary>Creates a sampler for <paramref name="count"/> cells (the count matters for LHS).</summary>
        public PopulationSampler(PopulationSpec spec, long seed, SamplingMethod method = SamplingMethod.Plain, int count = 1)
        {
            _spec = spec; _seed = seed; Method = method;
            _copula = new GaussianCopula(spec.Correlation);
            int d = spec.Variables.Count;
            if (method == SamplingMethod.Sobol) _sobol = new SobolSequence(d, seed == 0 ? 1 : seed);
            if (method == SamplingMethod.Lhs) _lhs = new LatinHypercube(d, count, seed);
            _sqL = new double[d]; _sqM = new double[d]; _sqC = new double[d];
            for (int v = 0; v < d; v++)
            {
                _sqL[v] = Math.Sqrt(spec.Variables[v].LotFraction);
                _sqM[v] = Math.Sqrt(spec.Variables[v].ModuleFraction);
                _sqC[v] = Math.Sqrt(spec.Variables[v].CellFraction);
            }
        }

        /// <summary>The sampling method for the cell level.</summary>
        public SamplingMethod Method { get; }

        /// <summary>The spec being sampled.</summary>
        public PopulationSpec Spec => _spec;

        /// <summary>Samples cell <paramref name="index"/>.</summary>
        public SampledCell Sample(int index)
        {
            int d = _spec.Variables.Count;
            int module = index / _spec.CellsPerModule;
            int lot = module / _spec.ModulesPerLot;
            Span<double> raw = stackalloc double[d];
            Span<double> zl = stackalloc double[d], zm = stackalloc double[d], zc = stackalloc double[d];

            var lotRng = StreamRng.Create(_seed, StreamRng.Purpose.Lot, lot);
            for (int v = 0; v < d; v++) raw[v] = LatentMath.StandardNormal(lotRng);
            _copula.Correlate(raw, zl);
            var modRng = StreamRng.Create(_seed, StreamRng.Purpose.Module, module);
            for (int v = 0; v < d; v++) raw[v] = LatentMath.StandardNormal(modRng);
            _copula.Correlate(raw, zm);

            var cellRng = StreamRng.Create(_seed, StreamRng.Purpose.Cell, index);
            switch (Method)
            {
                case SamplingMethod.Sobol:
                    _sobol!.Point(index, raw);
                    for (int v = 0; v < d; v++) raw[v] = LatentMath.PhiInv(raw[v]);
                    break;
                case SamplingMethod.Lhs:
                    if (index >= _lhs!.Count) throw new ArgumentOutOfRangeException(nameof(index), $"LHS design has {_lhs.Count} points; cell {index} is outside it");
                    _lhs.Point(index, raw);
                    for (int v = 0; v < d; v++) raw[v] = LatentMath.PhiInv(raw[v]);
                    break;
                default:
                    for (int v = 0; v < d; v++) raw[v] = LatentMath.StandardNormal(cellRng);
                    break;
            }
            _copula.Correlate(raw, zc);

            var values = new double[d];
            for (int v = 0; v < d; v++)
            {
                double z = _sqL[v] * zl[v] + _sqM[v] * zm[v] + _sqC[v] * zc[v];
                values[v] = _spec.Variables[v].Marginal.FromLatent(z, cellRng);
            }
            return new SampledCell(index, lot, module, values);
        }
    }
}
