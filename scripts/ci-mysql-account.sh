#!/usr/bin/env bash
# Creates the MariaDB account the test suite connects with over TCP. Root may only log in
# over the unix socket on a stock Debian install, so tests never use it.
set -euo pipefail
mariadb --protocol=socket -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'datavis_test'@'127.0.0.1' IDENTIFIED BY 'datavis_test';
CREATE USER IF NOT EXISTS 'datavis_test'@'localhost' IDENTIFIED BY 'datavis_test';
GRANT ALL PRIVILEGES ON `datavis\_test%`.* TO 'datavis_test'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `datavis\_test%`.* TO 'datavis_test'@'localhost';
FLUSH PRIVILEGES;
SQL
