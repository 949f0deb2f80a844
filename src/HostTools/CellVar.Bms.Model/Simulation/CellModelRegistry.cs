using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using CellVar.Bms.Model.Ecm;
using CellVar.Bms.Model.Spme;

namespace CellVar.Bms.Model.Simulation
{
    /// <summary>
    /// Cell models by name. "spme" and "ecm" are built in; other projects either call <see cref="Register"/> or declare
    /// <see cref="CellModelAttribute"/> on their assembly, which is discovered in every loaded assembly and in every
    /// <c>CellVar.Bms.*.dll</c> beside the application that references this library, the first time the registry is used.
    /// </summary>
    public static class CellModelRegistry
    {
        private static readonly object Gate = new();
        private static readonly Dictionary<string, Func<ICellModel>> Factories = new(StringComparer.OrdinalIgnoreCase)
        {
            ["spme"] = () => new SpmeModel(),
            ["ecm"] = () => new EcmModel(),
        };
        private static bool _discovered;

        /// <summary>Registers (or replaces) a model factory under <paramref name="name"/> (case-insensitive).</summary>
        public static void Register(string name, Func<ICellModel> factory)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            ArgumentNullException.ThrowIfNull(factory);
            lock (Gate) Factories[name.Trim()] = factory;
        }

        /// <summary>Names of every available model, sorted.</summary>
        public static IReadOnlyList<string> Names
        {
            get
            {
                Discover();
                lock (Gate) return Factories.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
            }
        }

        /// <summary>Creates the model registered under <paramref name="name"/>.</summary>
        /// <exception cref="ArgumentException">Unknown name; the message lists the known models.</exception>
        public static ICellModel Create(string name)
        {
            Discover();
            Func<ICellModel>? f;
            lock (Gate) Factories.TryGetValue(name?.Trim() ?? "", out f);
            if (f == null) throw new ArgumentException($"Unknown cell model '{name}'. Known models: {string.Join(", ", Names)}.");
            return f();
        }

        private static readonly object DiscoveryGate = new();

        // Runs once; concurrent first callers wait for it so none sees a half-filled registry.
        private static void Discover()
        {
            if (Volatile.Read(ref _discovered)) return;
            lock (DiscoveryGate)
            {
                if (_discovered) return;
                DiscoverOnce();
                Volatile.Write(ref _discovered, true);
            }
        }

        private static void DiscoverOnce()
        {
            var assemblies = AppDomain.CurrentDomain.GetAssemblies().ToList();
            string self = typeof(CellModelRegistry).Assembly.GetName().Name!;
            try
            {
                foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "CellVar.Bms.*.dll"))
                {
                    try
                    {
                        var an = AssemblyName.GetAssemblyName(path);
                        if (an.Name == null || an.Name == self || an.Name.EndsWith(".Tests", StringComparison.Ordinal)
                            || an.Name.EndsWith(".Benchmarks", StringComparison.Ordinal)) continue;
                        if (assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), an))) continue;
                        var asm = Assembly.Load(an);
                        // Only assemblies built against this library can declare models.
                        if (asm.GetReferencedAssemblies().Any(r => r.Name == self)) assemblies.Add(asm);
                    }
                    catch (Exception e) when (e is IOException or BadImageFormatException or FileLoadException)
                    {
                        // A stray or unloadable file beside the app must not break the built-in models.
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable application folder: fall back to the loaded assemblies.
            }
            foreach (var asm in assemblies)
            {
                CellModelAttribute[] declared;
                try
                {
                    declared = asm.GetCustomAttributes<CellModelAttribute>().ToArray();
                }
                catch (Exception e) when (e is IOException or TypeLoadException or BadImageFormatException)
                {
                    continue;
                }
                foreach (var attr in declared)
                {
                    if (!typeof(ICellModel).IsAssignableFrom(attr.ModelType)) continue;
                    var type = attr.ModelType;
                    var probe = (ICellModel)Activator.CreateInstance(type)!;
                    lock (Gate)
                    {
                        if (!Factories.ContainsKey(probe.Name))
                            Factories[probe.Name] = () => (ICellModel)Activator.CreateInstance(type)!;
                    }
                }
            }
        }
    }
}
