using System;
using System.Linq;
using CellVar.Bms.Model.Profiles;

namespace CellVar.Bms.Inference.Identifiability
{
    /// <summary>A current profile, starting SOC and the times at which voltage is measured.</summary>
    public sealed class VoltageExperiment
    {
        /// <summary>Creates an experiment.</summary>
        public VoltageExperiment(string name, CurrentProfile profile, double initialSoc, double sampleEvery_s, double timeStep_s)
        {
            if (!(sampleEvery_s > 0)) throw new InvalidInputException($"Sample interval {sampleEvery_s} s must be > 0.", "Use e.g. 5 s.");
            if (!(initialSoc > 0 && initialSoc <= 1)) throw new InvalidInputException($"Initial SOC {initialSoc} is not in (0, 1].", "Use e.g. 0.8.");
            Name = name;
            Profile = profile;
            InitialSoc = initialSoc;
            TimeStep_s = timeStep_s;
            int n = (int)Math.Floor((profile.EndTime_s - profile.StartTime_s) / sampleEvery_s + 1e-9);
            SampleTimes_s = Enumerable.Range(1, n).Select(i => profile.StartTime_s + i * sampleEvery_s).ToArray();
        }

        /// <summary>Name for reports.</summary>
        public string Name { get; }

        /// <summary>Current profile (positive = discharge).</summary>
        public CurrentProfile Profile { get; }

        /// <summary>Initial state of charge.</summary>
        public double InitialSoc { get; }

        /// <summary>Model time step.</summary>
        public double TimeStep_s { get; }

        /// <summary>Voltage sample times.</summary>
        public double[] SampleTimes_s { get; }

        /// <summary>
        /// Built-in experiments for a 5 Ah cell: "pulse" (1C for 10 min then 10 min rest, from SOC 0.8: the relaxation carries
        /// the electrolyte transient), "cc" (1C for 30 min from SOC 1), "hppc" (ten 30 s 2C pulses with 90 s rests from SOC 0.7).
        /// </summary>
        public static VoltageExperiment Named(string name, double nominalCapacity_Ah, double sampleEvery_s = 5, double timeStep_s = 2)
        {
            double c1 = nominalCapacity_Ah;
            switch (name.ToLowerInvariant())
            {
                case "pulse":
                    return new VoltageExperiment(name, CurrentProfile.Steps((600, c1), (600, 0)), 0.8, sampleEvery_s, timeStep_s);
                case "cc":
                    return new VoltageExperiment(name, CurrentProfile.Steps((1800, c1)), 1.0, sampleEvery_s, timeStep_s);
                case "hppc":
                {
                    var steps = Enumerable.Range(0, 10).SelectMany(_ => new[] { (30.0, 2 * c1), (90.0, 0.0) }).ToArray();
                    return new VoltageExperiment(name, CurrentProfile.Steps(steps), 0.7, sampleEvery_s, timeStep_s);
                }
                default:
                    throw new InvalidInputException($"Experiment '{name}' is unknown.", "Use pulse, cc, hppc, or a time_s,current_A CSV file.");
            }
        }
    }
}
