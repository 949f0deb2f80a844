using System;
using System.Linq;

namespace CellVar.Bms.Inference.Sensitivity
{
    /// <summary>Y = b0 + Σ bᵢ xᵢ.</summary>
    public sealed class LinearModel : ISensitivityModel
    {
        private readonly double[] _b;
        private readonly double _b0;

        /// <summary>Creates the model.</summary>
        public LinearModel(double[] coefficients, double intercept = 0)
        {
            _b = coefficients;
            _b0 = intercept;
        }

        /// <summary>Coefficients in input order.</summary>
        public double[] Coefficients => _b;

        /// <inheritdoc/>
        public string Description => "linear: " + string.Join(" + ", _b.Select((b, i) => $"{b}*x{i + 1}"));

        /// <inheritdoc/>
        public double Evaluate(ReadOnlySpan<double> x)
        {
            double y = _b0;
            for (int i = 0; i < _b.Length; i++) y += _b[i] * x[i];
            return y;
        }
    }

    /// <summary>Ishigami: sin x1 + a sin² x2 + b x3⁴ sin x1 (inputs U(−π, π)).</summary>
    public sealed class IshigamiModel : ISensitivityModel
    {
        private readonly double _a;
        private readonly double _b;

        /// <summary>Creates the model (defaults a = 7, b = 0.1).</summary>
        public IshigamiModel(double a = 7, double b = 0.1)
        {
            _a = a;
            _b = b;
        }

        /// <inheritdoc/>
        public string Description => $"ishigami(a={_a}, b={_b})";

        /// <inheritdoc/>
        public double Evaluate(ReadOnlySpan<double> x)
        {
            double s2 = Math.Sin(x[1]);
            double x3 = x[2] * x[2];
            return Math.Sin(x[0]) * (1 + _b * x3 * x3) + _a * s2 * s2;
        }
    }

    /// <summary>Sobol' G function: Π (|4xᵢ − 2| + aᵢ)/(1 + aᵢ) (inputs U(0, 1)).</summary>
    public sealed class SobolGModel : ISensitivityModel
    {
        private readonly double[] _a;

        /// <summary>Creates the model.</summary>
        public SobolGModel(double[] a) => _a = a;

        /// <inheritdoc/>
        public string Description => "sobol-g(a=[" + string.Join(", ", _a) + "])";

        /// <inheritdoc/>
        public double Evaluate(ReadOnlySpan<double> x)
        {
            double y = 1;
            for (int i = 0; i < _a.Length; i++) y *= (Math.Abs(4 * x[i] - 2) + _a[i]) / (1 + _a[i]);
            return y;
        }
    }
}
