import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RawRecordStatus } from '../domain/raw-record';

@Entity({ name: 'raw_record' })
export class RawRecordEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'work_order_id', type: 'uuid' }) workOrderId!: string;
  @Column({ name: 'order_number', type: 'text' }) orderNumber!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'serial_number', type: 'text', nullable: true }) serialNumber!: string | null;
  @Column({ name: 'service_kind', type: 'text' }) serviceKind!: 'calibration' | 'verification';
  @Column({ name: 'method_code', type: 'text', nullable: true }) methodCode!: string | null;
  @Column({ type: 'text' }) status!: RawRecordStatus;
  @Column({ name: 'source_event_id', type: 'uuid' }) sourceEventId!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
