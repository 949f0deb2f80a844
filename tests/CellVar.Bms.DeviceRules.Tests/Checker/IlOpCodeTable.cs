using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace CellVar.Bms.DeviceRules.Tests.Checker
{
    /// <summary>
    /// Every ECMA-335 opcode, taken from <see cref="OpCodes"/> by reflection so the table cannot drift from the runtime's,
    /// with the operand size needed to step from one instruction to the next.
    /// </summary>
    internal static class IlOpCodeTable
    {
        private static readonly OpCode?[] OneByte = new OpCode?[256];
        private static readonly OpCode?[] TwoByte = new OpCode?[256];

        /// <summary>First byte of every two-byte opcode.</summary>
        public const byte TwoBytePrefix = 0xFE;

        static IlOpCodeTable()
        {
            foreach (FieldInfo f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (f.GetValue(null) is not OpCode op) continue;
                ushort v = unchecked((ushort)op.Value);
                if (op.Size == 1) OneByte[v & 0xFF] = op;
                else if ((v >> 8) == TwoBytePrefix) TwoByte[v & 0xFF] = op;
            }
        }

        /// <summary>Reads the next opcode at the reader's position; false if the bytes are not a known opcode.</summary>
        public static bool TryRead(ref BlobReader il, out OpCode op)
        {
            op = default;
            if (il.RemainingBytes < 1) return false;
            byte b = il.ReadByte();
            OpCode? found;
            if (b == TwoBytePrefix)
            {
                if (il.RemainingBytes < 1) return false;
                found = TwoByte[il.ReadByte()];
            }
            else
            {
                found = OneByte[b];
            }
            if (found is null) return false;
            op = found.Value;
            return true;
        }

        /// <summary>
        /// Reads the operand of <paramref name="op"/>. Token operands are returned in <paramref name="token"/>;
        /// other operands are skipped. False if the method body ends inside the operand.
        /// </summary>
        public static bool TryReadOperand(ref BlobReader il, OpCode op, out int token)
        {
            token = 0;
            int size;
            switch (op.OperandType)
            {
                case OperandType.InlineNone: size = 0; break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: size = 1; break;
                case OperandType.InlineVar: size = 2; break;
                case OperandType.InlineBrTarget:
                case OperandType.InlineI:
                case OperandType.InlineString:
                case OperandType.ShortInlineR: size = 4; break;
                case OperandType.InlineI8:
                case OperandType.InlineR: size = 8; break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineSig:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    if (il.RemainingBytes < 4) return false;
                    token = il.ReadInt32();
                    return true;
                case OperandType.InlineSwitch:
                    if (il.RemainingBytes < 4) return false;
                    uint n = il.ReadUInt32();
                    if ((ulong)n * 4 > (ulong)il.RemainingBytes) return false;
                    size = (int)n * 4;
                    break;
                default:
                    throw new NotSupportedException("Operand type " + op.OperandType + " of " + op.Name);
            }
            if (il.RemainingBytes < size) return false;
            il.Offset += size;
            return true;
        }

        /// <summary>All opcodes known to the table (for tests of the table itself).</summary>
        public static IEnumerable<OpCode> All()
        {
            foreach (OpCode? o in OneByte) if (o is not null) yield return o.Value;
            foreach (OpCode? o in TwoByte) if (o is not null) yield return o.Value;
        }
    }
}
