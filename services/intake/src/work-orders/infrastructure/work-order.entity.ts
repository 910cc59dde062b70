import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { ItemStatus } from '../domain/item-status';
import { WorkOrderStatus } from '../domain/work-order';

@Entity({ name: 'work_order' })
export class WorkOrderEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'order_number', type: 'text' }) orderNumber!: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId!: string;
  @Column({ name: 'place_of_work', type: 'text' }) placeOfWork!: 'lab' | 'on-site';
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate!: string | null;
  @Column({ type: 'text' }) status!: WorkOrderStatus;
  @Column({ name: 'contract_id', type: 'uuid', nullable: true }) contractId!: string | null;
  @Column({ name: 'contract_version', type: 'integer', nullable: true }) contractVersion!: number | null;
  @Column({ type: 'text', nullable: true }) section!: string | null;
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt!: Date | null;
  @Column({ name: 'dispatched_by', type: 'text', nullable: true }) dispatchedBy!: string | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @OneToMany(() => WorkOrderItemEntity, (item) => item.workOrder, { cascade: ['insert'] }) items!: WorkOrderItemEntity[];
}

@Entity({ name: 'work_order_item' })
export class WorkOrderItemEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'work_order_id', type: 'uuid' }) workOrderId!: string;
  @ManyToOne(() => WorkOrderEntity, (o) => o.items) @JoinColumn({ name: 'work_order_id' }) workOrder!: WorkOrderEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'serial_number', type: 'text', nullable: true }) serialNumber!: string | null;
  @Column({ name: 'service_kind', type: 'text' }) serviceKind!: 'calibration' | 'verification';
  @Column({ name: 'method_code', type: 'text', nullable: true }) methodCode!: string | null;
  @Column({ type: 'text', default: 'accepted' }) status!: ItemStatus;
  @Column({ type: 'text', nullable: true }) place!: 'lab' | 'on-site' | null;
  @Column({ name: 'method_version', type: 'text', nullable: true }) methodVersion!: string | null;
  @Column({ name: 'item_code', type: 'text', nullable: true }) itemCode!: string | null;
  @Column({ name: 'promised_date', type: 'date', nullable: true }) promisedDate!: string | null;
}
