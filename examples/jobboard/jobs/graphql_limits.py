"""How much work one GraphQL request may ask for, decided before it runs.

graphene gives the depth limit (jobs/graphql_view.py). Depth alone lets a shallow request ask for
a lot: 200 aliases of `jobs { title }` is depth 2. No maintained Python package prices a query for
graphene as a graphql-core validation rule (graphql-complexity, the nearest, reads neither
variables nor non-null lists), so this is one, on graphql-core's own ValidationRule API:

- aliases: at most MAX_ALIASES fields renamed in one request;
- cost: each field costs 1 for every item of the lists around it, a list counting as many items
  as its `first` argument asks for (the page size when left out, the maximum when it comes from a
  variable, since validation runs before variables are read). At most MAX_COST.

A refused request gets one error that names the limit, and nothing of it is executed.
"""
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    is_list_type,
)

from .schema import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

# --8<-- [start:graphql-limits]
MAX_ALIASES = 10
MAX_COST = 2000   # { jobs { title company { name } } } costs 61; companies { name jobs { title } } 441
# --8<-- [end:graphql-limits]


def list_size(node: FieldNode, field) -> int:
    argument = next((a for a in node.arguments if a.name.value == "first"), None)
    if argument is None:
        declared = field.args.get("first")
        return declared.default_value if declared and isinstance(declared.default_value, int) else DEFAULT_PAGE_SIZE
    if isinstance(argument.value, IntValueNode):
        return max(0, min(int(argument.value.value), MAX_PAGE_SIZE))
    return MAX_PAGE_SIZE   # a variable: price the worst case


class QueryCostRule(ValidationRule):
    def enter_operation_definition(self, node, *_args):
        root = self.context.schema.get_root_type(node.operation)
        cost, aliases = self.measure(node.selection_set, root, 1, set())
        if aliases > MAX_ALIASES:
            self.refuse(f"This request renames {aliases} fields with aliases; the limit is {MAX_ALIASES}.",
                        "max_aliases", MAX_ALIASES, aliases, node)
        elif cost > MAX_COST:
            self.refuse(f"This request would cost {cost}; the limit is {MAX_COST}. Ask for fewer items "
                        f"(first: ...) or fewer nested lists.", "max_cost", MAX_COST, cost, node)

    def refuse(self, message, limit, value, found, node) -> None:
        self.report_error(GraphQLError(message, node, extensions={
            "code": "query_too_expensive", "limit": limit, "maximum": value, "found": found}))

    def measure(self, selection_set, parent, multiplier: int, fragments: set) -> tuple[int, int]:
        cost = aliases = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                aliases += selection.alias is not None
                field = getattr(parent, "fields", {}).get(selection.name.value)
                if field is None:   # __typename and friends, or a misspelling other rules report
                    continue
                cost += multiplier
                size = list_size(selection, field) if is_list_type(get_nullable_type(field.type)) else 1
                more = self.measure(selection.selection_set, get_named_type(field.type), multiplier * size, fragments)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.context.schema.get_type(condition.name.value) if condition else parent
                more = self.measure(selection.selection_set, target, multiplier, fragments)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in fragments:
                fragment = self.context.get_fragment(selection.name.value)
                if fragment is None:
                    continue
                target = self.context.schema.get_type(fragment.type_condition.name.value)
                more = self.measure(fragment.selection_set, target, multiplier, fragments | {selection.name.value})
            else:
                continue
            cost, aliases = cost + more[0], aliases + more[1]
        return cost, aliases
