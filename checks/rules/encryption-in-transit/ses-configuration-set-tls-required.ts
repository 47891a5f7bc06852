/**
 * SES configuration sets require TLS for delivery: `delivery_options.tls_policy` is "Require"
 * (`aws_ses_configuration_set`, the SES v1 API's spelling) or "REQUIRE" (`aws_sesv2_configuration_set`,
 * and `awscc_ses_configuration_set`, whose `delivery_options` is an object). Unset, SES uses
 * opportunistic TLS: it delivers in plain text to a receiving server that offers no TLS, as it does
 * with "Optional"/"OPTIONAL". That holds for a set without `delivery_options` too.
 */
import { awsDoc, configRule } from '../support/references';
import { managedOnly, requireOneOf, setting } from '../support/verdict';
import { defineRule } from '../types';

/** The value that requires TLS, and how to write it, per configuration set type. */
const REQUIRE: Readonly<Record<string, { readonly value: string; readonly fix: string }>> = {
  aws_ses_configuration_set: { value: 'Require', fix: 'Set `delivery_options { tls_policy = "Require" }`.' },
  aws_sesv2_configuration_set: { value: 'REQUIRE', fix: 'Set `delivery_options { tls_policy = "REQUIRE" }`.' },
  awscc_ses_configuration_set: { value: 'REQUIRE', fix: 'Set `delivery_options = { tls_policy = "REQUIRE" }`.' },
};

export default defineRule({
  id: 'ses-configuration-set-tls-required',
  title: 'SES configuration sets deliver mail over TLS only',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale:
    'With `tls_policy` left unset or "Optional", SES delivers a message in plain text when the receiving mail server does not offer TLS, or when someone on the path strips the offer: the message and its headers cross the internet readable and changeable.',
  remediation: `${REQUIRE.aws_ses_configuration_set.fix} For an aws_sesv2_configuration_set: ${REQUIRE.aws_sesv2_configuration_set.fix} For an awscc_ses_configuration_set: ${REQUIRE.awscc_ses_configuration_set.fix}`,
  references: [
    configRule('ses-sending-tls-required'),
    awsDoc('Amazon SES and security protocols', 'https://docs.aws.amazon.com/ses/latest/dg/security-protocols.html'),
    awsDoc('SES API: DeliveryOptions', 'https://docs.aws.amazon.com/ses/latest/APIReference/API_DeliveryOptions.html'),
    awsDoc('AWS::SES::ConfigurationSet DeliveryOptions', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ses-configurationset-deliveryoptions.html'),
  ],
  appliesTo: Object.keys(REQUIRE),
  evaluate: managedOnly((set) => {
    const { value, fix } = REQUIRE[set.type];
    return requireOneOf(setting(set, 'delivery_options', 'tls_policy'), [value], {
      what: '`delivery_options.tls_policy`',
      fix,
      absent: 'fail',
      absentMeans: 'opportunistic TLS, so SES delivers in plain text to a server that offers no TLS',
    });
  }),
});
