using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;

namespace CellVar.Bms.DeviceRules.Tests.Checker
{
    /// <summary>
    /// Decodes signature blobs (fields, methods, locals, member references, type specs, method specs)
    /// into <see cref="SigType"/>s that carry the forbidden ingredients they contain.
    /// </summary>
    internal sealed class SignatureScanner : ISignatureTypeProvider<SigType, object?>
    {
        private readonly MetadataReader _md;

        public SignatureScanner(MetadataReader md) => _md = md;

        public SigType GetPrimitiveType(PrimitiveTypeCode typeCode) =>
            typeCode is PrimitiveTypeCode.Single or PrimitiveTypeCode.Double
                ? new SigType(typeCode == PrimitiveTypeCode.Single ? "float" : "double", SigFlags.Float)
                : new SigType(typeCode.ToString(), SigFlags.None);

        public SigType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            TypeDefinition td = reader.GetTypeDefinition(handle);
            var flags = td.GetGenericParameters().Count > 0 ? SigFlags.Generic : SigFlags.None;
            return new SigType(MetadataNames.Of(reader, handle), flags);
        }

        public SigType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            string name = MetadataNames.Of(reader, handle);
            return new SigType(name, ForbiddenNames.Classify(name));
        }

        public SigType GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public SigType GetSZArrayType(SigType elementType) => elementType.With(elementType.Name + "[]", SigFlags.None);

        public SigType GetArrayType(SigType elementType, ArrayShape shape) =>
            elementType.With(elementType.Name + "[" + new string(',', shape.Rank - 1) + "]", SigFlags.MultiDimArray);

        public SigType GetByReferenceType(SigType elementType) => elementType.With(elementType.Name + "&", SigFlags.None);

        public SigType GetPointerType(SigType elementType) => elementType.With(elementType.Name + "*", SigFlags.None);

        public SigType GetPinnedType(SigType elementType) => elementType;

        public SigType GetModifiedType(SigType modifier, SigType unmodifiedType, bool isRequired) =>
            unmodifiedType.With(unmodifiedType.Name, modifier.Flags);

        public SigType GetGenericInstantiation(SigType genericType, ImmutableArray<SigType> typeArguments)
        {
            SigFlags f = genericType.Flags | SigFlags.Generic;
            foreach (SigType a in typeArguments) f |= a.Flags;
            return new SigType(genericType.Name + "<" + string.Join(",", typeArguments.Select(a => a.Name)) + ">", f);
        }

        public SigType GetGenericTypeParameter(object? genericContext, int index) => new("!" + index, SigFlags.Generic);

        public SigType GetGenericMethodParameter(object? genericContext, int index) => new("!!" + index, SigFlags.Generic);

        public SigType GetFunctionPointerType(MethodSignature<SigType> signature) => Combine("method*", signature);

        /// <summary>Folds a method signature (return and parameters) into one <see cref="SigType"/>.</summary>
        public static SigType Combine(string name, MethodSignature<SigType> sig)
        {
            SigFlags f = sig.ReturnType.Flags;
            foreach (SigType p in sig.ParameterTypes) f |= p.Flags;
            if (sig.GenericParameterCount > 0) f |= SigFlags.Generic;
            return new SigType(sig.ReturnType.Name + " " + name + "(" + string.Join(",", sig.ParameterTypes.Select(p => p.Name)) + ")", f);
        }

        /// <summary>Folds a local-variable signature into one <see cref="SigType"/>.</summary>
        public static SigType Combine(ImmutableArray<SigType> locals)
        {
            SigFlags f = SigFlags.None;
            foreach (SigType l in locals) f |= l.Flags;
            return new SigType("locals(" + string.Join(",", locals.Select(l => l.Name)) + ")", f);
        }

        /// <summary>The reader this scanner decodes against.</summary>
        public MetadataReader Reader => _md;
    }
}
