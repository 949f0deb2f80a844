using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CellVar.Bms.DeviceRules.Tests.Checker
{
    /// <summary>
    /// Reads a compiled assembly with System.Reflection.Metadata and reports every construct that
    /// nanoFramework CoreLibrary 1.17.11 cannot run or its metadata processor rejects (see tests/CellVar.Bms.DeviceRules.Tests/README.md).
    /// Each type's members and IL are walked first so violations carry a type/method name; then every metadata
    /// table row not reached that way is checked too, so nothing escapes (e.g. references used only by attributes).
    /// </summary>
    public static class DeviceRulesChecker
    {
        /// <summary>The nanoFramework metadata processor stores per-type method and field counts in one byte.</summary>
        public const int MaxMembersPerKind = 255;

        /// <summary>The one assembly device code may reference.</summary>
        public const string AllowedAssembly = "mscorlib";

        private static readonly HashSet<short> FloatConstantOps = [OpCodes.Ldc_R4.Value, OpCodes.Ldc_R8.Value];

        private static readonly HashSet<short> FloatConversionOps =
            [OpCodes.Conv_R4.Value, OpCodes.Conv_R8.Value, OpCodes.Conv_R_Un.Value, OpCodes.Ckfinite.Value];

        private static readonly HashSet<short> FloatMemoryOps =
        [
            OpCodes.Ldind_R4.Value, OpCodes.Ldind_R8.Value, OpCodes.Stind_R4.Value, OpCodes.Stind_R8.Value,
            OpCodes.Ldelem_R4.Value, OpCodes.Ldelem_R8.Value, OpCodes.Stelem_R4.Value, OpCodes.Stelem_R8.Value,
        ];

        /// <summary>Checks the assembly file at <paramref name="path"/>.</summary>
        public static IReadOnlyList<Violation> Check(string path)
        {
            using FileStream fs = File.OpenRead(path);
            return Check(fs);
        }

        /// <summary>Checks an assembly image read from <paramref name="image"/>.</summary>
        public static IReadOnlyList<Violation> Check(Stream image)
        {
            using var pe = new PEReader(image, PEStreamOptions.PrefetchEntireImage);
            return new Run(pe).Execute();
        }

        private sealed class Run
        {
            private readonly PEReader _pe;
            private readonly MetadataReader _md;
            private readonly SignatureScanner _sigs;
            private readonly List<Violation> _found = [];
            private readonly HashSet<Violation> _unique = [];
            private readonly HashSet<EntityHandle> _seen = [];

            public Run(PEReader pe)
            {
                _pe = pe;
                _md = pe.GetMetadataReader();
                _sigs = new SignatureScanner(_md);
            }

            public IReadOnlyList<Violation> Execute()
            {
                CheckAssemblyReferences();
                foreach (TypeDefinitionHandle t in _md.TypeDefinitions) CheckType(t);
                CheckRemainingRows();
                return _found;
            }

            private void Add(ViolationKind kind, string location, string detail)
            {
                var v = new Violation(kind, location, detail);
                if (_unique.Add(v)) _found.Add(v);
            }

            private void Report(SigType sig, string location, string what)
            {
                string detail = what + " " + sig.Name;
                if ((sig.Flags & SigFlags.Float) != 0) Add(ViolationKind.FloatType, location, detail);
                if ((sig.Flags & SigFlags.Generic) != 0) Add(ViolationKind.Generic, location, detail);
                if ((sig.Flags & SigFlags.MultiDimArray) != 0) Add(ViolationKind.MultiDimArray, location, detail);
                if ((sig.Flags & SigFlags.ForbiddenApi) != 0) Add(ViolationKind.ForbiddenApi, location, detail);
            }

            private void CheckAssemblyReferences()
            {
                foreach (AssemblyReferenceHandle h in _md.AssemblyReferences)
                {
                    AssemblyReference r = _md.GetAssemblyReference(h);
                    string name = _md.GetString(r.Name);
                    if (!string.Equals(name, AllowedAssembly, StringComparison.Ordinal))
                        Add(ViolationKind.ForeignAssembly, "assembly", "references " + name + " " + r.Version);
                }
            }

            private void CheckType(TypeDefinitionHandle th)
            {
                TypeDefinition td = _md.GetTypeDefinition(th);
                string typeName = MetadataNames.Of(_md, th);

                if (td.GetGenericParameters().Count > 0)
                    Add(ViolationKind.Generic, typeName, "generic type definition with " + td.GetGenericParameters().Count + " type parameter(s)");
                MarkGenericParameters(td.GetGenericParameters());

                if (!td.BaseType.IsNil) CheckEntity(td.BaseType, typeName, "base type");
                foreach (InterfaceImplementationHandle ih in td.GetInterfaceImplementations())
                    CheckEntity(_md.GetInterfaceImplementation(ih).Interface, typeName, "interface");

                CheckMemberCounts(td, typeName);

                foreach (FieldDefinitionHandle fh in td.GetFields()) CheckField(fh);
                foreach (MethodDefinitionHandle mh in td.GetMethods()) CheckMethod(mh);
                foreach (PropertyDefinitionHandle ph in td.GetProperties())
                {
                    PropertyDefinition p = _md.GetPropertyDefinition(ph);
                    string loc = typeName + "::" + _md.GetString(p.Name);
                    Report(SignatureScanner.Combine(_md.GetString(p.Name), p.DecodeSignature(_sigs, null)), loc, "property");
                    CheckConstant(p.GetDefaultValue(), loc);
                }
                foreach (EventDefinitionHandle eh in td.GetEvents())
                {
                    EventDefinition e = _md.GetEventDefinition(eh);
                    CheckEntity(e.Type, typeName + "::" + _md.GetString(e.Name), "event type");
                }
            }

            private void CheckMemberCounts(TypeDefinition td, string typeName)
            {
                int virt = 0, inst = 0, stat = 0;
                foreach (MethodDefinitionHandle mh in td.GetMethods())
                {
                    MethodAttributes a = _md.GetMethodDefinition(mh).Attributes;
                    if ((a & MethodAttributes.Virtual) != 0) virt++;
                    else if ((a & MethodAttributes.Static) != 0) stat++;
                    else inst++;
                }
                int staticFields = 0, instanceFields = 0;
                foreach (FieldDefinitionHandle fh in td.GetFields())
                {
                    FieldAttributes a = _md.GetFieldDefinition(fh).Attributes;
                    if ((a & FieldAttributes.Literal) != 0) continue; // constants are not stored as fields on the device
                    if ((a & FieldAttributes.Static) != 0) staticFields++;
                    else instanceFields++;
                }
                CountLimit(typeName, "virtual methods", virt);
                CountLimit(typeName, "instance methods", inst);
                CountLimit(typeName, "static methods", stat);
                CountLimit(typeName, "static fields", staticFields);
                CountLimit(typeName, "instance fields", instanceFields);
            }

            private void CountLimit(string typeName, string what, int count)
            {
                if (count > MaxMembersPerKind)
                    Add(ViolationKind.TooManyMembers, typeName, $"{count} {what} (at most {MaxMembersPerKind})");
            }

            private void CheckField(FieldDefinitionHandle fh)
            {
                FieldDefinition f = _md.GetFieldDefinition(fh);
                string loc = MetadataNames.Of(_md, fh);
                Report(f.DecodeSignature(_sigs, null), loc, "field of type");
                CheckConstant(f.GetDefaultValue(), loc);
            }

            private void CheckConstant(ConstantHandle ch, string location)
            {
                if (ch.IsNil) return;
                _seen.Add(ch);
                Constant c = _md.GetConstant(ch);
                if (c.TypeCode is ConstantTypeCode.Single or ConstantTypeCode.Double)
                    Add(ViolationKind.FloatConstant, location, "default value of type " + c.TypeCode);
            }

            private void CheckMethod(MethodDefinitionHandle mh)
            {
                MethodDefinition m = _md.GetMethodDefinition(mh);
                string loc = MetadataNames.Of(_md, mh);

                Report(SignatureScanner.Combine(_md.GetString(m.Name), m.DecodeSignature(_sigs, null)), loc, "signature");
                GenericParameterHandleCollection gps = m.GetGenericParameters();
                if (gps.Count > 0) Add(ViolationKind.Generic, loc, "generic method definition with " + gps.Count + " type parameter(s)");
                MarkGenericParameters(gps);

                foreach (ParameterHandle ph in m.GetParameters())
                    CheckConstant(_md.GetParameter(ph).GetDefaultValue(), loc);

                if (m.RelativeVirtualAddress == 0) return;
                MethodBodyBlock body = _pe.GetMethodBody(m.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                {
                    _seen.Add(body.LocalSignature);
                    StandaloneSignature ls = _md.GetStandaloneSignature(body.LocalSignature);
                    Report(SignatureScanner.Combine(ls.DecodeLocalSignature(_sigs, null)), loc, "local variables");
                }
                foreach (ExceptionRegion r in body.ExceptionRegions)
                    if (!r.CatchType.IsNil) CheckEntity(r.CatchType, loc, "catch type");
                WalkIl(body, loc);
            }

            private void WalkIl(MethodBodyBlock body, string loc)
            {
                BlobReader il = body.GetILReader();
                while (il.RemainingBytes > 0)
                {
                    int offset = il.Offset;
                    if (!IlOpCodeTable.TryRead(ref il, out OpCode op))
                    {
                        Add(ViolationKind.InvalidIl, loc, $"IL_{offset:x4}: unknown opcode");
                        return;
                    }
                    if (!IlOpCodeTable.TryReadOperand(ref il, op, out int token))
                    {
                        Add(ViolationKind.InvalidIl, loc, $"IL_{offset:x4}: {op.Name} operand runs past the end of the body");
                        return;
                    }
                    string at = $"IL_{offset:x4}: {op.Name}";
                    if (FloatConstantOps.Contains(op.Value)) Add(ViolationKind.FloatConstant, loc, at);
                    else if (FloatConversionOps.Contains(op.Value)) Add(ViolationKind.FloatConversion, loc, at);
                    else if (FloatMemoryOps.Contains(op.Value)) Add(ViolationKind.FloatType, loc, at);

                    if (token != 0 && op.OperandType != OperandType.InlineString)
                        CheckEntity(MetadataTokens.EntityHandle(token), loc, at);
                }
            }

            /// <summary>Checks any token an instruction, a base-type slot or a catch clause can refer to.</summary>
            private void CheckEntity(EntityHandle h, string loc, string what)
            {
                _seen.Add(h);
                switch (h.Kind)
                {
                    case HandleKind.TypeDefinition:
                        Report(_sigs.GetTypeFromDefinition(_md, (TypeDefinitionHandle)h, 0), loc, what);
                        break;
                    case HandleKind.TypeReference:
                        Report(_sigs.GetTypeFromReference(_md, (TypeReferenceHandle)h, 0), loc, what);
                        break;
                    case HandleKind.TypeSpecification:
                        Report(_md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(_sigs, null), loc, what);
                        break;
                    case HandleKind.MethodDefinition:
                        MethodDefinition md = _md.GetMethodDefinition((MethodDefinitionHandle)h);
                        Report(SignatureScanner.Combine(MetadataNames.Of(_md, (MethodDefinitionHandle)h), md.DecodeSignature(_sigs, null)), loc, what);
                        break;
                    case HandleKind.FieldDefinition:
                        Report(_md.GetFieldDefinition((FieldDefinitionHandle)h).DecodeSignature(_sigs, null), loc, what + " field");
                        break;
                    case HandleKind.MemberReference:
                        CheckMemberReference((MemberReferenceHandle)h, loc, what);
                        break;
                    case HandleKind.MethodSpecification:
                        MethodSpecification ms = _md.GetMethodSpecification((MethodSpecificationHandle)h);
                        var args = ms.DecodeSignature(_sigs, null);
                        Add(ViolationKind.Generic, loc, what + " generic method instantiation <" + string.Join(",", System.Linq.Enumerable.Select(args, a => a.Name)) + ">");
                        foreach (SigType a in args) Report(a, loc, what + " type argument");
                        CheckEntity(ms.Method, loc, what);
                        break;
                    case HandleKind.StandaloneSignature:
                        StandaloneSignature ss = _md.GetStandaloneSignature((StandaloneSignatureHandle)h);
                        if (ss.GetKind() == StandaloneSignatureKind.Method)
                            Report(SignatureScanner.Combine("calli", ss.DecodeMethodSignature(_sigs, null)), loc, what);
                        else
                            Report(SignatureScanner.Combine(ss.DecodeLocalSignature(_sigs, null)), loc, what);
                        break;
                }
            }

            private void CheckMemberReference(MemberReferenceHandle h, string loc, string what)
            {
                _seen.Add(h);
                MemberReference mr = _md.GetMemberReference(h);
                string name = MetadataNames.OfParent(_md, mr.Parent, _sigs) + "::" + _md.GetString(mr.Name);
                if (!mr.Parent.IsNil) CheckEntity(mr.Parent, loc, what + " " + name + " declared on");
                if (mr.GetKind() == MemberReferenceKind.Method)
                    Report(SignatureScanner.Combine(name, mr.DecodeMethodSignature(_sigs, null)), loc, what);
                else
                    Report(mr.DecodeFieldSignature(_sigs, null), loc, what + " " + name + " of type");
            }

            private void MarkGenericParameters(GenericParameterHandleCollection gps)
            {
                foreach (GenericParameterHandle g in gps) _seen.Add(g);
            }

            /// <summary>Backstop: table rows no member or instruction reached (attribute constructors, stray rows).</summary>
            private void CheckRemainingRows()
            {
                foreach (MemberReferenceHandle h in _md.MemberReferences)
                    if (!_seen.Contains(h)) CheckMemberReference(h, "metadata MemberRef table", "row");
                foreach (TypeReferenceHandle h in _md.TypeReferences)
                    if (!_seen.Contains(h)) CheckEntity(h, "metadata TypeRef table", "row");
                for (int row = 1; row <= _md.GetTableRowCount(TableIndex.TypeSpec); row++)
                {
                    EntityHandle h = MetadataTokens.TypeSpecificationHandle(row);
                    if (!_seen.Contains(h)) CheckEntity(h, "metadata TypeSpec table", "row");
                }
                for (int row = 1; row <= _md.GetTableRowCount(TableIndex.MethodSpec); row++)
                {
                    EntityHandle h = MetadataTokens.MethodSpecificationHandle(row);
                    if (!_seen.Contains(h)) CheckEntity(h, "metadata MethodSpec table", "row");
                }
                for (int row = 1; row <= _md.GetTableRowCount(TableIndex.StandAloneSig); row++)
                {
                    EntityHandle h = MetadataTokens.StandaloneSignatureHandle(row);
                    if (!_seen.Contains(h)) CheckEntity(h, "metadata StandAloneSig table", "row");
                }
                for (int row = 1; row <= _md.GetTableRowCount(TableIndex.GenericParam); row++)
                {
                    GenericParameterHandle h = MetadataTokens.GenericParameterHandle(row);
                    if (!_seen.Contains(h))
                        Add(ViolationKind.Generic, "metadata GenericParam table", "generic parameter " + _md.GetString(_md.GetGenericParameter(h).Name));
                }
                for (int row = 1; row <= _md.GetTableRowCount(TableIndex.Constant); row++)
                {
                    ConstantHandle h = MetadataTokens.ConstantHandle(row);
                    if (!_seen.Contains(h)) CheckConstant(h, "metadata Constant table");
                }
            }
        }
    }
}
