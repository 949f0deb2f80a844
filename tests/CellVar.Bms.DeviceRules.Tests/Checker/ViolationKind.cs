namespace CellVar.Bms.DeviceRules.Tests.Checker
{
    /// <summary>Which device rule an IL construct breaks.</summary>
    public enum ViolationKind
    {
        /// <summary>float/double in a signature, type reference or float-typed IL instruction.</summary>
        FloatType,
        /// <summary>ldc.r4/ldc.r8 or a float/double default constant.</summary>
        FloatConstant,
        /// <summary>conv.r4/conv.r8/conv.r.un/ckfinite.</summary>
        FloatConversion,
        /// <summary>Generic type/method definition, generic parameter, TypeSpec instantiation or MethodSpec.</summary>
        Generic,
        /// <summary>Array with rank/bounds (ArrayShape) in any signature, including multi-dim array constructors.</summary>
        MultiDimArray,
        /// <summary>More than 255 virtual, instance or static methods (or static/instance fields) in one type.</summary>
        TooManyMembers,
        /// <summary>Assembly reference other than mscorlib.</summary>
        ForeignAssembly,
        /// <summary>Reference to an API the device lacks or forbids: System.Math, System.Linq, System.ValueTuple.</summary>
        ForbiddenApi,
        /// <summary>IL the walker cannot decode (unknown opcode or truncated operand).</summary>
        InvalidIl,
    }
}
