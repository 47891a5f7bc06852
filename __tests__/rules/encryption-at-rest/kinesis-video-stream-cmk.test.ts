import rule from '../../../checks/rules/encryption-at-rest/kinesis-video-stream-cmk';
import { ruleTable } from '../../helpers/rule-table';
import { customerKeyCases } from './fixtures';

ruleTable(rule, customerKeyCases('kinesis-video-stream-cmk', { aws: 'aws_kinesis_video_stream.cam', awscc: 'awscc_kinesisvideo_stream.cam', nameAttribute: 'name', awsManaged: 'aws/kinesisvideo' }));
