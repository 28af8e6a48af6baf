"""airvault as an Airflow provider: hook, operators, sensors, notifier, DAGs, page."""
