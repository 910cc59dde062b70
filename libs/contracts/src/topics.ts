/**
 * Kafka topic names. One topic per aggregate type, so that all events of one aggregate share a
 * partition (keyed by aggregateId) and stay in order. The version in the name changes only when
 * the topic's partitioning or compatibility breaks; payload versions live in the envelope.
 */
export const Topics = {
  intakeWorkOrders: 'calchain.intake.work-order.v1',
  intakeContracts: 'calchain.intake.contract.v1',
  intakeItems: 'calchain.intake.item.v1',
  intakeOnSiteJobs: 'calchain.intake.on-site-job.v1',
  equipmentEquipment: 'calchain.equipment.equipment.v1',
  equipmentMeasurementStandards: 'calchain.equipment.measurement-standard.v1',
  equipmentMethods: 'calchain.equipment.method.v1',
  equipmentEnvironment: 'calchain.equipment.environment.v1',
  equipmentIntermediateChecks: 'calchain.equipment.intermediate-check.v1',
  qualityAuthorisations: 'calchain.quality.authorisation.v1',
  qualityItemStaffing: 'calchain.quality.item-staffing.v1',
  qualityFindings: 'calchain.quality.finding.v1',
  qualityCorrectiveActions: 'calchain.quality.corrective-action.v1',
  qualityComplaints: 'calchain.quality.complaint.v1',
  qualityRemeasurements: 'calchain.quality.remeasurement.v1',
  recordsRecords: 'calchain.records.record.v1',
  recordsChain: 'calchain.records.chain.v1',
  certificatesCertificates: 'calchain.certificates.certificate.v1',
  certificatesReverseTraceability: 'calchain.certificates.reverse-traceability.v1',
} as const;

/** Where a consumer group parks messages it could not validate or handle. */
export const deadLetterTopic = (consumerGroup: string) => `calchain.dead-letter.${consumerGroup}.v1`;
