// Declaration-only reference stub: packages nanoFramework.System.IO.FileSystem 1.1.87 (assembly System.IO.FileSystem)
// and nanoFramework.System.IO.Streams 1.1.96 (assembly System.IO.Streams), mirroring nanoframework/System.IO.FileSystem
// System.IO.FileSystem/{File,FileStream,FileMode,FileAccess}.cs and nanoframework/System.IO.Streams Stream.cs
// (public members the firmware may call). File has no ReadAllBytes/WriteAllBytes upstream: calling them must fail.
using System;

namespace System.IO
{
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }

    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    public abstract class Stream : IDisposable
    {
        public abstract bool CanRead { get; }
        public abstract bool CanSeek { get; }
        public abstract bool CanWrite { get; }
        public abstract long Length { get; }
        public abstract long Position { get; set; }
        public virtual void Close() { throw new NotImplementedException(); }
        public void Dispose() { throw new NotImplementedException(); }
        protected virtual void Dispose(bool disposing) { throw new NotImplementedException(); }
        public abstract void Flush();
        public abstract int Read(byte[] buffer, int offset, int count);
        public virtual int ReadByte() { throw new NotImplementedException(); }
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract void SetLength(long value);
        public abstract void Write(byte[] buffer, int offset, int count);
        public virtual void WriteByte(byte value) { throw new NotImplementedException(); }
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) { throw new NotImplementedException(); }
        public FileStream(string path, FileMode mode, FileAccess access) { throw new NotImplementedException(); }
        public override bool CanRead { get { throw new NotImplementedException(); } }
        public override bool CanSeek { get { throw new NotImplementedException(); } }
        public override bool CanWrite { get { throw new NotImplementedException(); } }
        public override long Length { get { throw new NotImplementedException(); } }
        public override long Position { get { throw new NotImplementedException(); } set { } }
        public string Name { get { throw new NotImplementedException(); } }
        public string FilePath { get { throw new NotImplementedException(); } }
        public override void Flush() { throw new NotImplementedException(); }
        public override int Read(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }
        public override long Seek(long offset, SeekOrigin origin) { throw new NotImplementedException(); }
        public override void SetLength(long value) { throw new NotImplementedException(); }
        public override void Write(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }
    }

    public static class File
    {
        public static void Copy(string sourceFileName, string destFileName) { throw new NotImplementedException(); }
        public static void Copy(string sourceFileName, string destFileName, bool overwrite) { throw new NotImplementedException(); }
        public static FileStream Create(string path) { throw new NotImplementedException(); }
        public static void Delete(string path) { throw new NotImplementedException(); }
        public static bool Exists(string path) { throw new NotImplementedException(); }
        public static void Move(string sourceFileName, string destFileName) { throw new NotImplementedException(); }
    }
}
