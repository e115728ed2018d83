"""The language floor: how notices write numbers, dates, 文号, organ names and item markers.

Everything above (the normalizer, the layout, both extractors) builds its patterns
from the parts defined here, so each piece of language knowledge is written once.
Modules here import only :mod:`policyparse.lexicon` (the data files),
:mod:`policyparse.schemas` and each other.

- :mod:`.numerals`: 一百二十, 1.8万, ``NUMBER``, ``MULTIPLIER``;
- :mod:`.dates`: 2024年12月18日, 二〇二四年…, date parts ``YEAR``/``MONTH``/``DAY``;
- :mod:`.workdays`: the official working-day calendar;
- :mod:`.docnumber`: 苏人社发〔2024〕45号;
- :mod:`.organs`: organ names, abbreviations (人社 → 人力资源社会保障);
- :mod:`.markers`: 一、 （一） 1. （1） ① 第X条.
"""
