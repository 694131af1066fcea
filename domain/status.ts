/** The national 10-status enumeration of dossiers (TrangThaiHoSo, DVCQG sync), as the REST contract gives it. */
export const DOSSIER_STATUSES = {
  submitted: { code: 1, label: 'Mới đăng ký' },
  received: { code: 2, label: 'Được tiếp nhận' },
  not_accepted: { code: 3, label: 'Không được tiếp nhận' },
  processing: { code: 4, label: 'Đang xử lý' },
  awaiting_supplement: { code: 5, label: 'Yêu cầu bổ sung giấy tờ' },
  awaiting_payment: { code: 6, label: 'Yêu cầu thực hiện nghĩa vụ tài chính' },
  withdrawn: { code: 7, label: 'Công dân yêu cầu rút hồ sơ' },
  stopped: { code: 8, label: 'Dừng xử lý' },
  processed: { code: 9, label: 'Đã xử lý xong' },
  returned: { code: 10, label: 'Đã trả kết quả' },
} as const;

export type StatusKey = keyof typeof DOSSIER_STATUSES;

export interface Status {
  code: number;
  key: StatusKey;
  label: string;
}

export function status(key: StatusKey): Status {
  return { key, ...DOSSIER_STATUSES[key] };
}

export function statusByCode(code: number): Status | undefined {
  const key = (Object.keys(DOSSIER_STATUSES) as StatusKey[]).find((k) => DOSSIER_STATUSES[k].code === code);
  return key && status(key);
}

/** Statuses in which the dossier's life is over; 766 statistics take their time as the end time. */
export const CLOSED_STATUSES: readonly StatusKey[] = ['not_accepted', 'withdrawn', 'stopped', 'returned'];

/** Before a decision the citizen may still withdraw (Decree 118 Art. 21). */
export const WITHDRAWABLE_STATUSES: readonly StatusKey[] = [
  'submitted',
  'received',
  'processing',
  'awaiting_supplement',
  'awaiting_payment',
];
