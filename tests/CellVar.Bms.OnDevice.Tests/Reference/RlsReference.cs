using System;

namespace CellVar.Bms.OnDevice.Tests.Reference
{
    /// <summary>
    /// Double-precision reference of the device's resistance algorithm (same equations as ResistanceEstimator):
    /// S ← λS + x², S2 ← λ²S2 + x², R ← R + (y − R·x)·x/S, σ from mean |prediction error| × √(π/2) after the 2nd step.
    /// Units: x in A, y in V, R in Ω.
    /// </summary>
    public sealed class RlsReference
    {
        private readonly double _lambda;
        public double S, S2, R, MeanAbsError;
        public int Steps;

        public RlsReference(double lambda) { _lambda = lambda; }

        public void Update(double x, double y)
        {
            S = _lambda * S + x * x;
            S2 = _lambda * _lambda * S2 + x * x;
            double e = y - R * x;
            R += e * x / S;
            Steps++;
            if (Steps >= 3)
            {
                int w = Math.Min(Steps - 2, 128);
                MeanAbsError += (Math.Abs(e) - MeanAbsError) / w;
            }
        }

        public double StandardError(double noiseFloor) => Math.Max(noiseFloor, MeanAbsError * Math.Sqrt(Math.PI / 2)) * Math.Sqrt(S2) / S;
    }
}
