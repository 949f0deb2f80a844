using System;
using System.Collections.Generic;

namespace CellVar.Bms.Provisioning
{
    /// <summary>
    /// Builds the device's NTC table from the beta model R(T) = R25·exp(B·(1/T − 1/298.15 K)) for an NTC to ground
    /// with a pull-up to <c>supply</c>: V = supply·R/(R + Rpullup), counts = V / (µV per count).
    /// −40 … +125 °C in 5 K steps; the piecewise-linear interpolation on the device then stays within ~0.3 K of the
    /// beta curve between 0 and 60 °C (checked in the tests).
    /// </summary>
    public static class NtcTableBuilder
    {
        /// <summary>Builds the table; points that round to the same count as a neighbour are dropped to keep counts strictly ascending.</summary>
        public static NtcLookupTable Build(double r25_Ohm, double beta_K, double pullup_Ohm, double supply_mV, double microvoltsPerCount, int maxCount)
        {
            if (!(r25_Ohm > 0 && beta_K > 0 && pullup_Ohm > 0 && supply_mV > 0 && microvoltsPerCount > 0))
                throw new ProvisioningException("NTC parameters must be positive");
            var counts = new List<int>();
            var temps = new List<int>();
            // Hot to cold: resistance rises, so counts ascend.
            for (int t_dC = 1250; t_dC >= -400; t_dC -= 50)
            {
                int c = (int)Math.Round(CountsAt(t_dC / 10.0, r25_Ohm, beta_K, pullup_Ohm, supply_mV, microvoltsPerCount));
                if (c > maxCount)
                    c = maxCount;
                if (counts.Count > 0 && c <= counts[^1])
                    continue;
                counts.Add(c);
                temps.Add(t_dC);
            }
            return new NtcLookupTable(counts, temps);
        }

        /// <summary>Ideal raw count at <paramref name="t_C"/> °C.</summary>
        public static double CountsAt(double t_C, double r25_Ohm, double beta_K, double pullup_Ohm, double supply_mV, double microvoltsPerCount)
        {
            double r = r25_Ohm * Math.Exp(beta_K * (1.0 / (t_C + 273.15) - 1.0 / 298.15));
            double v_uV = supply_mV * 1000.0 * r / (r + pullup_Ohm);
            return v_uV / microvoltsPerCount;
        }
    }
}
