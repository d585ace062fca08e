# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Opening export files: CSV (UTF-8 or GBK) and XLSX read row by row, so
that memory stays flat in the file's size; JSON documents."""
import codecs
import csv
import io
import json
import unicodedata
import zipfile
from decimal import Decimal

from .aliases import find, identify, required_keys
from .errors import RowError
from .values import MISSING, Fields, Locator, clean_text

ENCODINGS = ('utf-8-sig', 'gb18030')
XLSX_MAGIC = b'PK\x03\x04'
CHUNK = 1 << 16


class Table:
    "A recognised file: its schema and its rows as Fields"

    def __init__(self, filename, schema, header, columns, rows, errors):
        self.filename = filename
        self.schema = schema
        self.header = header
        self.index, self.missing = find(header, columns)
        self.names = {c.key: c.names[0] for c in columns}
        self.required = required_keys(columns)
        self._rows = rows
        self.errors = errors

    def label(self, key):
        # The header as the file spells it, so the user finds the column
        if key in self.index:
            return self.header[self.index[key]]
        return self.names.get(key, key)

    def fields(self, timezone='Asia/Shanghai'):
        "Yield the Fields of each data row; empty_file when there is none"
        any_row = False
        for number, values in self._rows:
            any_row = True
            locator = Locator(self.filename, number, self.label, self.errors)
            yield Fields(
                locator, self._getter(values), timezone, self.required)
        if not any_row:
            self.errors.append(
                RowError(self.filename, None, None, 'empty_file'))

    def _getter(self, values):
        def get(key):
            position = self.index.get(key)
            if position is None or position >= len(values):
                return MISSING
            return values[position]
        return get


def open_table(filename, data, schemas, platform, errors):
    """Return the Table of a CSV or XLSX file matching one of schemas (name
    to columns), or None once its errors are recorded"""
    if not data.strip():
        errors.append(RowError(filename, None, None, 'empty_file'))
        return None
    if data.startswith(XLSX_MAGIC):
        candidates = [(None, _xlsx_rows(filename, data, errors))]
    else:
        candidates = [(encoding, _csv_rows(data, encoding))
            for encoding in ENCODINGS if _decodes(data, encoding)]
        if not candidates:
            errors.append(RowError(filename, None, None, 'wrong_encoding'))
            return None
    for encoding, rows in candidates:
        known = len(errors)
        header = next(rows, None)
        if header is None:
            if len(errors) == known:
                errors.append(RowError(filename, None, None, 'empty_file'))
            return None
        header = [clean_text(h) if h is not None else '' for h in header[1]]
        schema = identify(header, schemas)
        if schema:
            return _checked(Table(
                    filename, schema, header, schemas[schema], rows, errors))
    if encoding == 'gb18030' and len(candidates) == 1 and _garbled(header):
        errors.append(RowError(filename, None, None, 'wrong_encoding'))
    else:
        errors.append(RowError(filename, 1, None, 'unknown_format',
                {'platform': platform}))
    return None


def _checked(table):
    "Missing required columns are said once, on the header row"
    for column in table.missing:
        table.errors.append(RowError(
                table.filename, 1, column.names[0], 'missing_column'))
    return None if table.missing else table


def _decodes(data, encoding):
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(view), CHUNK):
            decoder.decode(view[start:start + CHUNK])
        decoder.decode(b'', final=True)
    except UnicodeDecodeError:
        return False
    return True


def _garbled(header):
    """Whether header is bytes of another codec read as GB18030, which
    decodes most bytes: it then shows rare characters, outside GB2312,
    that no export's header is written with"""
    for char in ''.join(header):
        if char.isascii() or unicodedata.category(char)[0] in 'PZ':
            continue
        try:
            char.encode('gb2312')
        except UnicodeEncodeError:
            return True
    return False


def _numbered(rows):
    "Number rows as a spreadsheet does; skip blank ones"
    for number, values in enumerate(rows, 1):
        if any(v is not None and str(v).strip() for v in values):
            yield number, values


def _csv_rows(data, encoding):
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline='')
    return _numbered(csv.reader(stream))


def _xlsx_rows(filename, data, errors):
    import openpyxl
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        errors.append(RowError(filename, None, None, 'unknown_format',
                {'platform': 'XLSX'}))
        return
    try:
        sheet = workbook.worksheets[0]
        yield from _numbered(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def load_json(filename, data, platform, errors):
    "The parsed document, numbers as Decimal or int, or None when refused"
    try:
        text = data.decode('utf-8-sig')
    except UnicodeDecodeError:
        errors.append(RowError(filename, None, None, 'wrong_encoding'))
        return None
    if not text.strip():
        errors.append(RowError(filename, None, None, 'empty_file'))
        return None
    try:
        return json.loads(text, parse_float=Decimal)
    except ValueError:
        errors.append(RowError(filename, None, None, 'unknown_format',
                {'platform': platform}))


def dig(document, path):
    "The value at a dotted path, or MISSING"
    for name in path.split('.'):
        if not isinstance(document, dict) or name not in document:
            return MISSING
        document = document[name]
    return document


class Record:
    "A JSON object read through an alias table; labels are field paths"

    def __init__(self, filename, row, document, columns, prefix, errors,
            timezone):
        self.document = document
        self.names = {c.key: c.names for c in columns}
        self.prefix = prefix
        locator = Locator(filename, row, self.label, errors)
        self.fields = Fields(
            locator, self.get, timezone, required_keys(columns))

    def get(self, key):
        for name in self.names.get(key, ()):
            value = dig(self.document, name)
            if value is not MISSING:
                return value
        return MISSING

    def label(self, key):
        names = self.names.get(key, (key,))
        found = [n for n in names if dig(self.document, n) is not MISSING]
        return self.prefix + (found or names)[0]
