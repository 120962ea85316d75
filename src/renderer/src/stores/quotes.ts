import { defineStore } from 'pinia'
import { recordStore } from './records'

export const useQuotes = defineStore('quotes', () => recordStore('quotes'))
