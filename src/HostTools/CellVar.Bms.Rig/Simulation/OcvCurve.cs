using System;

namespace CellVar.Bms.Rig.Simulation
{
    /// <summary>Open-circuit voltage as a piecewise-linear function of state of charge.</summary>
    public sealed class OcvCurve
    {
        private readonly double[] _soc;
        private readonly double[] _ocv_V;

        /// <summary>Creates a curve through (soc, ocv) points, soc strictly ascending in [0, 1].</summary>
        public OcvCurve(double[] soc, double[] ocv_V)
        {
            ArgumentNullException.ThrowIfNull(soc);
            ArgumentNullException.ThrowIfNull(ocv_V);
            if (soc.Length < 2 || soc.Length != ocv_V.Length) throw new ArgumentException("need at least two matching points");
            for (int i = 1; i < soc.Length; i++)
                if (!(soc[i] > soc[i - 1])) throw new ArgumentException("soc must be strictly ascending");
            _soc = (double[])soc.Clone();
            _ocv_V = (double[])ocv_V.Clone();
        }

        /// <summary>
        /// The curve the device assumes by default (<see cref="OnDevice.MonitorConfig.OcvTable_mV"/>, 0..100 % in 10 % steps),
        /// so relaxed-voltage SOC on the device is unbiased for simulated cells.
        /// </summary>
        public static OcvCurve DeviceDefault()
        {
            int[] mv = new OnDevice.MonitorConfig().OcvTable_mV;
            var soc = new double[mv.Length];
            var v = new double[mv.Length];
            for (int i = 0; i < mv.Length; i++)
            {
                soc[i] = i / (double)(mv.Length - 1);
                v[i] = mv[i] / 1000.0;
            }
            return new OcvCurve(soc, v);
        }

        /// <summary>OCV at <paramref name="soc"/> (clamped to the table's ends).</summary>
        public double Voltage_V(double soc)
        {
            if (soc <= _soc[0]) return _ocv_V[0];
            int n = _soc.Length;
            if (soc >= _soc[n - 1]) return _ocv_V[n - 1];
            int i = 1;
            while (soc > _soc[i]) i++;
            double f = (soc - _soc[i - 1]) / (_soc[i] - _soc[i - 1]);
            return _ocv_V[i - 1] + f * (_ocv_V[i] - _ocv_V[i - 1]);
        }
    }
}
