"""The thin Airflow layer: read params and connections, call the core, push small XComs.

Only this subpackage (and dags/, plugins/) may import Airflow.
"""
