"""policyparse: Chinese government policy notices (公文) into structured, verifiable records.

>>> import policyparse
>>> rec = policyparse.parse_text("关于实施先进制造业促就业行动的通知\\n各设区市人力资源社会保障局：\\n一、全力做好先进制造业企业用工服务保障")
>>> rec.title, rec.measures[0].heading
('关于实施先进制造业促就业行动的通知', '全力做好先进制造业企业用工服务保障')
"""

from .api import parse, parse_bytes, parse_text
from .schemas import SCHEMA_VERSION, PolicyRecord, record_json_schema

__version__ = "0.1.0"

__all__ = ["parse", "parse_bytes", "parse_text", "PolicyRecord", "SCHEMA_VERSION", "record_json_schema", "__version__"]
