using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Tests.MLNet;

/// <summary>Passes another view through and records how far apart (in rows moved) its unfinished cursors get (the look-ahead of a streaming consumer).</summary>
internal sealed class TrackingDataView(IDataView inner) : IDataView
{
    private readonly List<Cursor> _live = [];

    public int CursorsOpened { get; private set; }

    public long MaxSpread { get; private set; }

    public string Log { get; private set; } = "";

    public bool CanShuffle => false;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        lock (_live)
        {
            CursorsOpened++;
            var cursor = new Cursor(this, inner.GetRowCursor(columnsNeeded));
            _live.Add(cursor);
            return cursor;
        }
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

    private void Moved()
    {
        lock (_live)
        {
            var moving = _live.Where(c => !c.Done).ToList();
            if (moving.Count > 1 && moving.Max(c => c.Rows) - moving.Min(c => c.Rows) > MaxSpread)
            {
                MaxSpread = moving.Max(c => c.Rows) - moving.Min(c => c.Rows);
                Log = string.Join("; ", moving.Select(c => $"{c.Rows} rows [{string.Join(",", c.Schema.Where(c.IsColumnActive).Select(x => x.Name))}]"));
            }
        }
    }

    private void Closed(Cursor cursor)
    {
        lock (_live) _live.Remove(cursor);
    }

    private sealed class Cursor(TrackingDataView owner, DataViewRowCursor inner) : DataViewRowCursor
    {
        public override DataViewSchema Schema => inner.Schema;

        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        /// <summary>Rows this cursor has moved to.</summary>
        public long Rows { get; private set; }

        /// <summary>Whether it has passed the last row.</summary>
        public bool Done { get; private set; }

        public override bool MoveNext()
        {
            bool moved = inner.MoveNext();
            if (moved)
            {
                Rows++;
                owner.Moved();
            }
            else
            {
                Done = true;
            }

            return moved;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                owner.Closed(this);
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
