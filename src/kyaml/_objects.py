"""Python objects ``dumps`` writes without a ``default=``: dataclasses, ``enum`` members,
pydantic v2 models and the Kubernetes Python client's models, each as the plain data it stands
for. None of those packages is imported here: an object of one of them can only exist once its
package is, so each is looked up in ``sys.modules``.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

#: What :func:`plain_data` gives for an object it does not know.
UNKNOWN: Any = object()

#: The keys ``sort_keys="kubernetes"`` puts first, in this order; the others follow as they are.
KUBERNETES_ORDER = ("apiVersion", "kind", "metadata", "spec", "data", "status")


def plain_data(obj: Any) -> Any:
    """The plain data ``obj`` stands for, or :data:`UNKNOWN`.

    - an ``enum`` member: its ``.value``;
    - a dataclass instance: its fields, in order, as a dict;
    - a pydantic v2 model: ``model_dump(mode="json", by_alias=True)``, its JSON form with the
      fields' aliases;
    - a Kubernetes client model (``kubernetes.client.V1Deployment`` and the like): its API
      field names (``apiVersion``, ``matchLabels``), fields that are None left out.
    """
    enum = sys.modules.get("enum")
    if enum is not None and isinstance(obj, enum.Enum):
        return obj.value
    dataclasses = sys.modules.get("dataclasses")
    if dataclasses is not None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {field.name: getattr(obj, field.name) for field in dataclasses.fields(obj)}
    kind = type(obj)
    names = getattr(kind, "attribute_map", None)
    if (  # before pydantic's: some versions of the client build their models on it
        kind.__module__.startswith("kubernetes.")
        and isinstance(names, dict)
        and isinstance(getattr(kind, "openapi_types", None), dict)
    ):
        found = ((names[attr], getattr(obj, attr)) for attr in kind.openapi_types)
        return {name: value for name, value in found if value is not None}
    pydantic = sys.modules.get("pydantic")
    if pydantic is not None and isinstance(obj, pydantic.BaseModel):
        return obj.model_dump(mode="json", by_alias=True)
    return UNKNOWN


def key_order(keys: list[str], sort_keys: bool | str) -> list[int]:
    """The order to write a mapping's ``keys`` in (their indexes): as given, alphabetical
    (``True``), or Kubernetes' (``"kubernetes"``)."""
    if sort_keys is True:
        return sorted(range(len(keys)), key=lambda n: keys[n])
    if sort_keys == "kubernetes":
        rank = {name: n for n, name in enumerate(KUBERNETES_ORDER)}
        return sorted(range(len(keys)), key=lambda n: rank.get(keys[n], len(rank)))
    return list(range(len(keys)))
