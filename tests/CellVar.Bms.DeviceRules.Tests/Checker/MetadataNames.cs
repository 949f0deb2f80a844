using System.Reflection.Metadata;

namespace CellVar.Bms.DeviceRules.Tests.Checker
{
    /// <summary>Readable names for metadata rows, used in violation reports.</summary>
    internal static class MetadataNames
    {
        public static string Of(MetadataReader md, TypeDefinitionHandle h)
        {
            TypeDefinition td = md.GetTypeDefinition(h);
            string name = md.GetString(td.Name);
            TypeDefinitionHandle outer = td.GetDeclaringType();
            if (!outer.IsNil) return Of(md, outer) + "/" + name;
            string ns = md.GetString(td.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string Of(MetadataReader md, TypeReferenceHandle h)
        {
            TypeReference tr = md.GetTypeReference(h);
            string name = md.GetString(tr.Name);
            if (tr.ResolutionScope.Kind == HandleKind.TypeReference)
                return Of(md, (TypeReferenceHandle)tr.ResolutionScope) + "/" + name;
            string ns = md.GetString(tr.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string Of(MetadataReader md, MethodDefinitionHandle h)
        {
            MethodDefinition m = md.GetMethodDefinition(h);
            return Of(md, m.GetDeclaringType()) + "::" + md.GetString(m.Name);
        }

        public static string Of(MetadataReader md, FieldDefinitionHandle h)
        {
            FieldDefinition f = md.GetFieldDefinition(h);
            return Of(md, f.GetDeclaringType()) + "::" + md.GetString(f.Name);
        }

        /// <summary>Name of a TypeDef/TypeRef/TypeSpec/MethodDef/ModuleRef handle (parents of member references).</summary>
        public static string OfParent(MetadataReader md, EntityHandle h, SignatureScanner scanner) => h.Kind switch
        {
            HandleKind.TypeDefinition => Of(md, (TypeDefinitionHandle)h),
            HandleKind.TypeReference => Of(md, (TypeReferenceHandle)h),
            HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(scanner, null).Name,
            HandleKind.MethodDefinition => Of(md, (MethodDefinitionHandle)h),
            _ => h.Kind.ToString(),
        };
    }
}
