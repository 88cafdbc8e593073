import { defineStore } from 'pinia'
import { ref } from 'vue'
import { moneyApi } from '@/api'
import type { PriceListUpdate } from '@/api'
import { useResource } from '@/composables/useResource'

export const usePricesStore = defineStore('admin-prices', () => {
  const { data: prices, loading, error, load } = useResource(moneyApi.prices)
  const saving = ref(false)

  async function save(data: PriceListUpdate) {
    saving.value = true
    try {
      prices.value = await moneyApi.setPrices(data)
      await load()
    } finally {
      saving.value = false
    }
  }

  return { prices, loading, error, saving, load, save }
})
