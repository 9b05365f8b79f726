"""Built-in curriculum units of mathft, one subpackage per course.

Each subpackage is registered through the ``mathft`` entry-point group, exactly like a
third-party unit plugin; its templates live in ``templates/<unit id>/``.
"""
