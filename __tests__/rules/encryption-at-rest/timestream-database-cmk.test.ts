import rule from '../../../checks/rules/encryption-at-rest/timestream-database-cmk';
import { ruleTable } from '../../helpers/rule-table';
import { customerKeyCases } from './fixtures';

ruleTable(rule, customerKeyCases('timestream-database-cmk', { aws: 'aws_timestreamwrite_database.db', awscc: 'awscc_timestream_database.db', nameAttribute: 'database_name', awsManaged: 'aws/timestream' }));
