import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The `clients` table: one row per client, the aggregate's current state (not an event store). */
@Entity({ name: 'clients' })
export class ClientRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('integer') version!: number;
  @Column('text', { name: 'given_name' }) givenName!: string;
  @Column('text', { name: 'family_name' }) familyName!: string;
  @Column('text') email!: string;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { name: 'address_line1', nullable: true }) addressLine1!: string | null;
  @Column('text', { name: 'address_line2', nullable: true }) addressLine2!: string | null;
  @Column('text', { name: 'postal_code', nullable: true }) postalCode!: string | null;
  @Column('text', { nullable: true }) city!: string | null;
  @Column('char', { length: 2, nullable: true }) country!: string | null;
  @Column('text', { name: 'company_id', nullable: true }) companyId!: string | null;
  @Column('text') status!: string;
  @Column('text', { name: 'deactivation_reason', nullable: true }) deactivationReason!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
