using System;

namespace CellVar.Bms.DeviceRules.Tests.Checker
{
    /// <summary>Forbidden ingredients found while decoding one signature.</summary>
    [Flags]
    internal enum SigFlags
    {
        None = 0,
        Float = 1,
        Generic = 2,
        MultiDimArray = 4,
        ForbiddenApi = 8,
    }

    /// <summary>A decoded signature type: a readable name and what forbidden ingredients it contains.</summary>
    internal readonly record struct SigType(string Name, SigFlags Flags)
    {
        public SigType With(string name, SigFlags more) => new(name, Flags | more);
    }
}
