# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Turning cells and JSON values into text, Decimal money, quantities and
aware datetimes; and the per-row accessor that records what is wrong."""
import re
from datetime import date, datetime, timezone as utc_zone
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from .errors import RowError
from .model import ZERO

MISSING = object()
TIME_FORMATS = (
    '%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%d %H:%M',
    '%Y/%m/%d %H:%M', '%Y-%m-%d', '%Y/%m/%d', '%Y%m%d%H%M%S')
# Spreadsheet tricks that keep long numbers as text: ="…", a leading
# tab or quote
_FORMULA_TEXT = re.compile(r'^="(.*)"$')
_CURRENCY = str.maketrans('', '', '¥￥, ')


def clean_text(value):
    "The text of a cell, without the export's protective wrapping"
    if value is None:
        return ''
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float):
        # An order number or code that went through a float is lost
        if not value.is_integer() or abs(value) >= 2 ** 53:
            raise ValueError(value)
        value = int(value)
    text = str(value).strip()
    match = _FORMULA_TEXT.match(text)
    if match:
        text = match.group(1)
    return text.lstrip("\t'").strip()


def parse_decimal(value):
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError(value)
    elif isinstance(value, (int, float)):
        # Spreadsheets store numbers as floats: their shortest repr is
        # the decimal the user typed
        result = Decimal(repr(value))
    else:
        try:
            result = Decimal(clean_text(value).translate(_CURRENCY))
        except InvalidOperation:
            raise ValueError(value)
    if not result.is_finite():
        raise ValueError(value)
    return result


def parse_fen(value):
    "Integer fen (分) to exact yuan; a fraction of a fen is an error"
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(value)
    text = clean_text(value)
    if not re.fullmatch(r'-?\d+', text):
        raise ValueError(value)
    return Decimal(text).scaleb(-2)


def parse_quantity(value):
    result = parse_decimal(value)
    if result != result.to_integral_value():
        raise ValueError(value)
    return Decimal(int(result))


def parse_time(value, timezone):
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, date):
        result = datetime(value.year, value.month, value.day)
    else:
        result = _parse_time_text(clean_text(value))
    if result.tzinfo is None:
        result = result.replace(tzinfo=ZoneInfo(timezone))
    return result


def _parse_time_text(text):
    for format_ in TIME_FORMATS:
        try:
            return datetime.strptime(text, format_)
        except ValueError:
            pass
    return datetime.fromisoformat(text)


def parse_unix(value, timezone):
    "Unix seconds, as the platforms' APIs give them"
    if isinstance(value, bool):
        raise ValueError(value)
    text = clean_text(value)
    if not re.fullmatch(r'\d+', text):
        raise ValueError(value)
    return datetime.fromtimestamp(int(text), utc_zone.utc).astimezone(
        ZoneInfo(timezone))


class Locator:
    "Where a row is, and the column names as the user sees them"

    def __init__(self, file, row, label, errors):
        self.file = file
        self.row = row
        self.label = label
        self.errors = errors
        self.failed = False

    def error(self, key, reason, **params):
        self.failed = True
        column = self.label(key) if key else None
        self.errors.append(
            RowError(self.file, self.row, column, reason, params))


class Fields:
    """The values of one row by alias key; a bad value is recorded as a
    RowError and read as None, so that reading goes on to the next one."""

    def __init__(self, locator, get, timezone='Asia/Shanghai',
            required=frozenset()):
        self.locator = locator
        self.get = get
        self.timezone = timezone
        # Keys the alias table requires: a blank value is an error
        self.required = required

    @property
    def failed(self):
        return self.locator.failed

    def error(self, key, reason, **params):
        self.locator.error(key, reason, **params)

    def raw(self, key):
        value = self.get(key)
        if value is MISSING or value is None:
            return None
        if isinstance(value, str) and not clean_text(value):
            return None
        return value

    def _parse(self, key, parse, reason, required, default=None):
        value = self.raw(key)
        if value is None:
            if required or key in self.required:
                self.error(key, 'missing_value')
            return default
        try:
            return parse(value)
        except (ValueError, TypeError, OverflowError):
            self.error(key, reason, value=value)

    def text(self, key, required=False):
        return self._parse(key, clean_text, 'missing_value', required)

    def amount(self, key, required=False, default=ZERO):
        return self._parse(
            key, parse_decimal, 'bad_amount', required, default)

    def fen(self, key, required=False, default=ZERO):
        return self._parse(key, parse_fen, 'bad_amount', required, default)

    def time(self, key, required=False):
        return self._parse(key, lambda v: parse_time(v, self.timezone),
            'bad_date', required)

    def unix_time(self, key, required=False):
        return self._parse(key, lambda v: parse_unix(v, self.timezone),
            'bad_date', required)

    def quantity(self, key):
        quantity = self._parse(key, parse_quantity, 'bad_quantity', False)
        if quantity is not None and quantity <= 0:
            self.error(key, 'negative_quantity', value=self.raw(key))
            return None
        return quantity

    def choice(self, key, table, required=False):
        "A status or kind, through the platform's table of words"
        value = self.raw(key)
        if value is None:
            if required or key in self.required:
                self.error(key, 'missing_value')
            return None
        word = clean_text(value)
        if word not in table:
            self.error(key, 'bad_status', value=word)
        return table.get(word)
